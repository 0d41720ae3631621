meta:
  id: ipx
  title: Novell Internetwork Packet Exchange
  license: MIT
  endian: be
  -pcapkit:
    name: IPX
    key: ipx
    layer: internet
    dispatch:
      # Ethernet II (and SNAP with OUI 0), 802.2 LLC, PPP
      ethertype: 0x8137
      llc_sap: 0xe0
      ppp_protocol: 0x002b
      gre_proto: 0x8137
    # the length covers the header: Ethernet padding after the packet is not payload
    payload-length: length - 30
doc: |
  The 30-byte IPX header: checksum (0xffff when unused), packet length (header included),
  transport control (hop count), packet type, then the destination and the source address, each
  a 4-byte network, a 6-byte node and a 2-byte socket. The payload (SPX, NCP, NetBIOS, ...) is
  chosen by socket and is kept as bytes.
doc-ref: Novell IPX Router Specification (part 107-000029-001), the IPX packet structure
seq:
  - id: checksum
    type: u2
    -json: chksum
    -format: hex
  - id: length
    type: u2
    -json: len
    valid:
      min: 30
  - id: transport_control
    type: u1
    -json: count
    doc: hop count, incremented by each router
  - id: packet_type
    type: u1
    -json: type
    -format: hex
    -enum: packet_type
  - id: dst
    type: address
  - id: src
    type: address
types:
  address:
    seq:
      - id: network
        type: u4
        -format: hex
      - id: node
        size: 6
        -format: mac
      - id: socket
        type: u2
        -format: hex
        -enum: socket
enums:
  packet_type:
    0x00:
      id: unknown
      -name: "IPX"
    0x01:
      id: rip
      -name: "RIP"
    0x02:
      id: echo
      -name: "Echo"
    0x03:
      id: error
      -name: "Error"
    0x04:
      id: pep
      -name: "PEP"
    0x05:
      id: spx
      -name: "SPX"
    0x11:
      id: ncp
      -name: "NCP"
    0x14:
      id: netbios_broadcast
      -name: "NetBIOS Broadcast"
  socket:
    0x0451:
      id: ncp
      -name: "NCP"
    0x0452:
      id: sap
      -name: "SAP"
    0x0453:
      id: rip
      -name: "RIP"
    0x0455:
      id: netbios
      -name: "NetBIOS"
    0x0456:
      id: diagnostic
      -name: "Diagnostic"
    0x0457:
      id: serialization
      -name: "Serialization"
    0x0550:
      id: nwlink_smb_server
      -name: "NWLink SMB Server"
    0x0551:
      id: nwlink_smb_name_query
      -name: "NWLink SMB Name Query"
    0x0552:
      id: nwlink_smb_redirector
      -name: "NWLink SMB Redirector"
    0x0553:
      id: nwlink_smb_mailslot
      -name: "NWLink SMB Mailslot Datagram"
    0x0554:
      id: nwlink_smb_messenger
      -name: "NWLink SMB Messenger"
    0x0555:
      id: nwlink_smb_browse
      -name: "NWLink SMB Browse"
    0x4001:
      id: ipx_message
      -name: "IPX Message"
    0x9001:
      id: nlsp
      -name: "NetWare Link Services Protocol"
    0x9004:
      id: ipx_wan
      -name: "IPX WAN"
    0x9086:
      id: novell_ping
      -name: "Novell PING"

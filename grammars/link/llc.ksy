meta:
  id: llc
  title: IEEE 802.2 Logical Link Control header
  license: MIT
  endian: be
  -pcapkit:
    name: LLC
    key: llc
    layer: link
    next:
      - if: dsap == 0xaa and ssap == 0xaa
        protocol: snap
      - table: llc_sap
        key: dsap
doc: |
  Destination and source service access points and a control field of one byte (U format) or
  two (I and S formats, whose low two bits are not both set).
doc-ref: IEEE 802.2 clause 3
seq:
  - id: dsap
    type: u1
    -format: hex
    -enum: sap
  - id: ssap
    type: u1
    -format: hex
    -enum: sap
  - id: control
    type: u1
    -format: hex
  - id: control_ext
    type: u1
    if: (control & 3) != 3
    -format: hex
enums:
  sap:
    0x00:
      id: null_sap
      -name: "NULL"
    0x02:
      id: llc_slmgmt
      -name: "LLC_SLMGMT"
    0x04:
      id: sna_pathctrl
      -name: "SNA_PATHCTRL"
    0x06:
      id: ip
      -name: "IP"
    0x0e:
      id: proway_nm_init
      -name: "PROWAY_NM_INIT"
    0x42:
      id: stp
      -name: "STP"
    0x4e:
      id: mms
      -name: "MMS"
    0x5e:
      id: isi_ip
      -name: "ISI_IP"
    0x7e:
      id: x25_dle
      -name: "X25_DLE"
    0x8e:
      id: proway_active
      -name: "PROWAY_ACTIVE"
    0xaa:
      id: snap
      -name: "SNAP"
    0xe0:
      id: ipx
      -name: "IPX"
    0xf0:
      id: netbios
      -name: "NETBIOS"
    0xf4:
      id: lanmgr
      -name: "LANMGR"
    0xfe:
      id: iso_net
      -name: "ISO_NET"
    0xff:
      id: global
      -name: "GLOBAL"

meta:
  id: vlan
  title: IEEE 802.1Q VLAN tag (and 802.1ad service tag)
  license: MIT
  endian: be
  -pcapkit:
    name: 802.1Q
    key: 802.1q
    layer: link
    dispatch:
      ethertype:
        - 0x8100
        - value: 0x88a8
          name: 802.1ad
          key: 802.1ad
          params: {service: true}
        - 0x9100
    # after a customer tag a field up to 1500 is an 802.3 length and bounds the LLC payload; after a
    # service tag (802.1ad) it is always an EtherType, as in Wireshark
    payload-length: "not service and type_or_length <= 1500 ? type_or_length : _rest"
    next:
      - if: service or type_or_length > 1500
        table: ethertype
        key: type_or_length
      - if: not service and type_or_length <= 1500
        protocol: llc
    # IPv4 reassembly keeps fragments of different VLANs apart (as Wireshark's)
    roles:
      vlan-id: vid
doc: |
  One tag: priority, drop eligibility and VLAN id, then the next EtherType (or, after an 802.1Q
  tag, an 802.3 length). Stacked tags (QinQ) are one layer each; 0x88a8 is the 802.1ad service
  tag, which Wireshark always follows with an EtherType.
doc-ref: IEEE 802.1Q clause 9.6
params:
  - id: service
    type: bool
    doc: an 802.1ad service tag (TPID 0x88a8), whose next field is always an EtherType
seq:
  - id: pcp
    type: b3
    -json: tci.pcp
  - id: dei
    type: b1
    -json: tci.dei
  - id: vid
    type: b12
    -json: tci.vid
  - id: type_or_length
    type: u2
    -hide: true
instances:
  type:
    value: type_or_length
    if: service or type_or_length > 1500
    -json: type
    -enum: ethertype
    -format: hex
  len:
    value: type_or_length
    if: not service and type_or_length <= 1500
    -json: len

meta:
  id: pppoe_discovery
  title: PPP over Ethernet, discovery stage
  license: MIT
  xref:
    rfc: [2516, 4638]
  endian: be
  -pcapkit:
    name: PPPoED
    key: pppoed
    layer: link
    groups: [PPPoE]
    dispatch:
      ethertype: 0x8863
    # the tags are the whole packet; bytes after the length (Ethernet padding) are not payload
    payload-length: 0
doc: |
  The PPPoE header of the discovery stage (PADI, PADO, PADR, PADS, PADT): version and type (both
  1), the code, the session id (0 until PADS) and the length of the tags that follow. Each tag is
  a type, a length and a value; the common ones are decoded, unknown ones kept as bytes.
doc-ref: RFC 2516 section 5 and appendix A; RFC 4638 section 4
seq:
  - id: version
    type: b4
  - id: type
    type: b4
  - id: code
    type: u1
    -format: hex
    -enum: code
  - id: session_id
    type: u2
    -format: hex
  - id: len_tags
    type: u2
    -json: length
    doc: bytes of tags after this header
  - id: tags
    size: len_tags
    type: tags
    -flatten: true
types:
  tags:
    seq:
      - id: entries
        type: tag
        repeat: eos
        -json: tags
  tag:
    seq:
      - id: tag_type
        type: u2
        -json: type
        -format: hex
        -enum: tag_type
      - id: tag_length
        type: u2
        -json: length
      - id: value
        size: tag_length
        type:
          switch-on: tag_type
          cases:
            0x0101: text
            0x0102: text
            0x0201: text
            0x0202: text
            0x0203: text
            0x0105: vendor_specific
            0x0120: ppp_max_payload
        -flatten: true
  text:
    seq:
      - id: value
        type: str
        encoding: UTF-8
        size-eos: true
  vendor_specific:
    seq:
      - id: vendor_id
        type: u4
        doc: the vendor's SMI network management private enterprise code in the low three bytes
      - id: value
        size-eos: true
  ppp_max_payload:
    seq:
      - id: value
        type: u2
enums:
  code:
    0x00:
      id: session_data
      -name: "Session Data"
    0x07:
      id: pado
      -name: "PADO"
    0x09:
      id: padi
      -name: "PADI"
    0x19:
      id: padr
      -name: "PADR"
    0x65:
      id: pads
      -name: "PADS"
    0xa7:
      id: padt
      -name: "PADT"
  tag_type:
    0x0000:
      id: end_of_list
      -name: "End-Of-List"
    0x0101:
      id: service_name
      -name: "Service-Name"
    0x0102:
      id: ac_name
      -name: "AC-Name"
    0x0103:
      id: host_uniq
      -name: "Host-Uniq"
    0x0104:
      id: ac_cookie
      -name: "AC-Cookie"
    0x0105:
      id: vendor_specific
      -name: "Vendor-Specific"
    0x0110:
      id: relay_session_id
      -name: "Relay-Session-Id"
    0x0120:
      id: ppp_max_payload
      -name: "PPP-Max-Payload"
    0x0201:
      id: service_name_error
      -name: "Service-Name-Error"
    0x0202:
      id: ac_system_error
      -name: "AC-System-Error"
    0x0203:
      id: generic_error
      -name: "Generic-Error"

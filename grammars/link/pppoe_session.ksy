meta:
  id: pppoe_session
  title: PPP over Ethernet, session stage
  license: MIT
  xref:
    rfc: 2516
  endian: be
  -pcapkit:
    name: PPPoE
    key: pppoe
    layer: link
    dispatch:
      ethertype: 0x8864
      linktype: 51
    # the length bounds the PPP frame: Ethernet padding after it is not payload
    payload-length: length
    next:
      - protocol: ppp
doc: |
  The six-byte PPPoE header of the session stage: version and type (both 1), the code (0 for
  session data), the session id chosen in the discovery stage and the length of the payload, a
  PPP frame without the HDLC address and control bytes. Like Wireshark, a length beyond the
  bytes captured is clamped, not malformed.
doc-ref: RFC 2516 section 4 and section 6
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
  - id: length
    type: u2
    doc: bytes of PPP frame after this header
enums:
  code:
    0x00:
      id: session_data
      -name: "Session Data"

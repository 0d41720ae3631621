meta:
  id: http2
  title: HTTP/2 frames, with HPACK-decoded header blocks
  license: MIT
  xref:
    rfc: [9113, 7541]
  endian: be
  -pcapkit:
    name: HTTP/2
    key: http2
    layer: application
    groups: [HTTP]
    # no port of its own: h2 runs in TLS, h2c on a port chosen by the deployment (decode-as,
    # e.g. tcp.port==8097,http2) or found by its connection preface
    heuristic:
      match: 'PRI \* HTTP/2\.0\r\n\r\nSM\r\n\r\n'
      window: 24
      # the preface opens the connection: its later segments, both ways, are HTTP/2 too
      conversation: true
    # one frame per layer: the frames after it in the segment are the next layers
    next:
      - protocol: http2
    next-when-empty: false
doc: |
  One HTTP/2 frame (the client's connection preface before the first one): the 9-byte header
  (length, type, flags, stream id) and the payload of its type: DATA, HEADERS, PRIORITY,
  RST_STREAM, SETTINGS (named parameters), PUSH_PROMISE, PING, GOAWAY, WINDOW_UPDATE and
  CONTINUATION; other types keep their payload as bytes. Header blocks are decoded with HPACK
  (the runtime processor hpack) and the dynamic table of their flow direction, a block split
  over CONTINUATION frames when its last fragment arrives. A frame that runs past the segment is
  truncated.
doc-ref: RFC 9113 section 4.1
seq:
  - id: preface
    size: 24
    if: has_preface
    -format: text
    doc: the client's connection preface (section 3.4)
  - id: length
    type: b24
  - id: type
    type: u1
    -enum: frame_type
  - id: flags
    type: u1
    -format: hex
    doc: END_STREAM or ACK 0x1, END_HEADERS 0x4, PADDED 0x8, PRIORITY 0x20 (by type)
  - id: reserved
    type: b1
    -hide: true
  - id: stream_id
    type: b31
  - id: payload
    size: length
    type:
      switch-on: type
      cases:
        0: data_frame
        1: headers_frame
        2: priority_frame
        3: rst_stream_frame
        4: settings_frame
        5: push_promise_frame
        6: ping_frame
        7: goaway_frame
        8: window_update_frame
        9: continuation_frame
    -flatten: true
    doc: the frame's payload; of unknown types, its bytes
instances:
  magic:
    pos: 0
    size: 24
    if: _io.size >= 24
  has_preface:
    value: >-
      magic == [0x50, 0x52, 0x49, 0x20, 0x2a, 0x20, 0x48, 0x54, 0x54, 0x50, 0x2f, 0x32,
      0x2e, 0x30, 0x0d, 0x0a, 0x0d, 0x0a, 0x53, 0x4d, 0x0d, 0x0a, 0x0d, 0x0a]
types:
  data_frame:
    seq:
      - id: len_padding
        type: u1
        -json: pad_length
        if: '(_parent.flags & 0x08) != 0'
      - id: data
        size: '_io.size - _io.pos - ((_parent.flags & 0x08) != 0 ? len_padding : 0)'
      - id: padding
        size: len_padding
        if: '(_parent.flags & 0x08) != 0'
        -hide: true
  headers_frame:
    seq:
      - id: len_padding
        type: u1
        -json: pad_length
        if: '(_parent.flags & 0x08) != 0'
      - id: priority
        type: priority_fields
        if: '(_parent.flags & 0x20) != 0'
        -flatten: true
      - id: header_block
        size: '_io.size - _io.pos - ((_parent.flags & 0x08) != 0 ? len_padding : 0)'
        process: 'hpack(((_parent.flags & 0x04) != 0 ? 1 : 0) | 2)'
        type: header_list
        -flatten: true
      - id: padding
        size: len_padding
        if: '(_parent.flags & 0x08) != 0'
        -hide: true
  priority_fields:
    seq:
      - id: exclusive
        type: b1
      - id: stream_dependency
        type: b31
      - id: weight
        type: u1
  priority_frame:
    seq:
      - id: exclusive
        type: b1
      - id: stream_dependency
        type: b31
      - id: weight
        type: u1
  rst_stream_frame:
    seq:
      - id: error_code
        type: u4
        -enum: error_code
  settings_frame:
    seq:
      - id: settings
        type: setting
        repeat: eos
  setting:
    seq:
      - id: identifier
        type: u2
        -enum: setting_id
      - id: value
        type: u4
  push_promise_frame:
    seq:
      - id: len_padding
        type: u1
        -json: pad_length
        if: '(_parent.flags & 0x08) != 0'
      - id: reserved
        type: b1
        -hide: true
      - id: promised_stream_id
        type: b31
      - id: header_block
        size: '_io.size - _io.pos - ((_parent.flags & 0x08) != 0 ? len_padding : 0)'
        process: 'hpack(((_parent.flags & 0x04) != 0 ? 1 : 0) | 2)'
        type: header_list
        -flatten: true
      - id: padding
        size: len_padding
        if: '(_parent.flags & 0x08) != 0'
        -hide: true
  ping_frame:
    seq:
      - id: opaque_data
        size: 8
  goaway_frame:
    seq:
      - id: reserved
        type: b1
        -hide: true
      - id: last_stream_id
        type: b31
      - id: error_code
        type: u4
        -enum: error_code
      - id: debug_data
        size-eos: true
  window_update_frame:
    seq:
      - id: reserved
        type: b1
        -hide: true
      - id: window_size_increment
        type: b31
  continuation_frame:
    seq:
      - id: header_block
        size-eos: true
        process: 'hpack((_parent.flags & 0x04) != 0 ? 1 : 0)'
        type: header_list
        -flatten: true
  header_list:
    doc: the decoded form the hpack processor writes (io.pcapkit.dissect.proc.Hpack)
    seq:
      - id: headers
        type: header_field
        repeat: eos
  header_field:
    seq:
      - id: kind
        type: u1
        -enum: representation
      - id: table_size
        type: u4
        if: kind == 4
        doc: a dynamic table size update's new size
      - id: index
        type: u4
        if: kind != 4
        doc: the table index named (the field, or its name); 0 for a literal name
      - id: len_name
        type: u2
        if: kind != 4
        -hide: true
      - id: name
        size: len_name
        if: kind != 4
        -format: text
      - id: len_value
        type: u4
        if: kind != 4
        -hide: true
      - id: value
        size: len_value
        if: kind != 4
        -format: text
enums:
  frame_type:
    0: {id: data, -name: DATA}
    1: {id: headers, -name: HEADERS}
    2: {id: priority, -name: PRIORITY}
    3: {id: rst_stream, -name: RST_STREAM}
    4: {id: settings, -name: SETTINGS}
    5: {id: push_promise, -name: PUSH_PROMISE}
    6: {id: ping, -name: PING}
    7: {id: goaway, -name: GOAWAY}
    8: {id: window_update, -name: WINDOW_UPDATE}
    9: {id: continuation, -name: CONTINUATION}
  error_code:
    0: {id: no_error, -name: NO_ERROR}
    1: {id: protocol_error, -name: PROTOCOL_ERROR}
    2: {id: internal_error, -name: INTERNAL_ERROR}
    3: {id: flow_control_error, -name: FLOW_CONTROL_ERROR}
    4: {id: settings_timeout, -name: SETTINGS_TIMEOUT}
    5: {id: stream_closed, -name: STREAM_CLOSED}
    6: {id: frame_size_error, -name: FRAME_SIZE_ERROR}
    7: {id: refused_stream, -name: REFUSED_STREAM}
    8: {id: cancel, -name: CANCEL}
    9: {id: compression_error, -name: COMPRESSION_ERROR}
    10: {id: connect_error, -name: CONNECT_ERROR}
    11: {id: enhance_your_calm, -name: ENHANCE_YOUR_CALM}
    12: {id: inadequate_security, -name: INADEQUATE_SECURITY}
    13: {id: http_1_1_required, -name: HTTP_1_1_REQUIRED}
  setting_id:
    1: {id: header_table_size, -name: HEADER_TABLE_SIZE}
    2: {id: enable_push, -name: ENABLE_PUSH}
    3: {id: max_concurrent_streams, -name: MAX_CONCURRENT_STREAMS}
    4: {id: initial_window_size, -name: INITIAL_WINDOW_SIZE}
    5: {id: max_frame_size, -name: MAX_FRAME_SIZE}
    6: {id: max_header_list_size, -name: MAX_HEADER_LIST_SIZE}
    8: {id: enable_connect_protocol, -name: ENABLE_CONNECT_PROTOCOL}
    9: {id: no_rfc7540_priorities, -name: NO_RFC7540_PRIORITIES}
  representation:
    0: {id: indexed, -name: indexed}
    1: {id: incremental, -name: literal with incremental indexing}
    2: {id: without_indexing, -name: literal without indexing}
    3: {id: never_indexed, -name: literal never indexed}
    4: {id: size_update, -name: dynamic table size update}

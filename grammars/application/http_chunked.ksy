meta:
  id: http_chunked
  title: HTTP/1.1 chunked transfer coding
  license: MIT
  xref:
    rfc: 9112
  endian: be
  -pcapkit:
    name: HTTP-Chunked
    key: chunked
    layer: application
    # reached from HTTP/1.x when Transfer-Encoding ends in chunked (grammars/application/http.ksy)
doc: |
  The body of an HTTP/1.1 message in chunked transfer coding: chunks, each with its size in hex
  and its data, up to the last chunk (size 0), then the trailer fields and the empty line. A
  body cut by the end of the segment is truncated. Chunk extensions (";name=value" after the
  size), which no common client or server sends, are not supported: such a size is malformed.
doc-ref: RFC 9112 section 7.1
seq:
  - id: chunks
    type: chunk
    repeat: until
    repeat-until: _.len_data == 0
  - id: trailers
    type: field_line
    terminator: 0x0a
    repeat: until
    repeat-until: _.is_end
    doc: trailer fields, ending with the empty line
types:
  chunk:
    seq:
      - id: size_text
        type: str
        terminator: 0x0d
        encoding: UTF-8
        -json: size
        -value: _.to_i(16)
      - id: size_line_end
        contents: [0x0a]
        -hide: true
      - id: data
        size: len_data
      - id: data_end
        contents: [0x0d, 0x0a]
        if: len_data > 0
        -hide: true
    instances:
      len_data:
        value: size_text.to_i(16)
  field_line:
    seq:
      - id: name
        terminator: 0x3a
        -format: text
        if: not is_end
      - id: ows
        size: '_io.size > name.length + 1 and (after_colon == 0x20 or after_colon == 0x09) ? 1 : 0'
        if: not is_end
        -hide: true
      - id: value
        size-eos: true
        pad-right: 0x0d
        -format: text
        if: not is_end
    instances:
      is_end:
        value: _io.size <= 1
      after_colon:
        pos: name.length + 1
        type: u1
        if: _io.size > name.length + 1

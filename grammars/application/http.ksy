meta:
  id: http
  title: Hypertext Transfer Protocol, versions 1.0 and 1.1
  license: MIT
  xref:
    rfc: [9110, 9112]
  endian: be
  -pcapkit:
    name: HTTP/1.1
    key: http
    layer: application
    groups: [HTTP]
    dispatch:
      # the registry's HTTP services (http, http-alt, ipp, daap, wsman, hkp, ssdp), Squid's 3128, and
      # the other ports Wireshark's HTTP takes by default (2710, 2869, 3132)
      tcp_port: [80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8008, 8080, 8088, 11371]
      # SSDP (UPnP discovery) is HTTP over UDP; Wireshark names it ssdp
      udp_port:
        - {value: 1900, name: SSDP, key: ssdp}
    # a port is only a hint: a segment that does not start a message (a body's continuation) stays raw
    heuristic:
      match: >-
        (?:GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH|PROPFIND|PROPPATCH|MKCOL|COPY|MOVE|LOCK|UNLOCK|SEARCH|M-SEARCH|NOTIFY|SUBSCRIBE|UNSUBSCRIBE)
        [^ \r\n]|HTTP/[0-9]\.[0-9] [0-9][0-9][0-9]
      window: 64
      guard: true
    # the chain token is the message's version
    variants:
      - if: '(not is_response and version == "HTTP/1.0") or (is_response and response_version == "HTTP/1.0")'
        name: HTTP/1.0
    lookups:
      content_length:
        in: headers
        if: '_.name.equals_ignore_case("Content-Length")'
        value: _.value.to_i
        default: -1
      chunked:
        in: headers
        if: '_.name.equals_ignore_case("Transfer-Encoding") and _.value.contains_ignore_case("chunked")'
        value: 'true'
        default: 'false'
    # responses answer requests in order: a request notes whether it was HEAD, and the response
    # that answers it has no content (RFC 9110 section 9.3.2) whatever its headers announce; the
    # TCP stream pairs them (a message dissected alone knows no request)
    exchange:
      request: not is_response
      note: method == "HEAD"
    # RFC 9112 section 6.3: chunked coding, else Content-Length; no body for requests without
    # either, or for 1xx, 204 and 304 responses, or for a response to HEAD; other responses run to
    # the end of the connection
    payload-length: >-
      is_response and _answers_note ? 0
      : chunked ? _rest
      : is_response and (status.to_i < 200 or status.to_i == 204 or status.to_i == 304) ? 0
      : content_length >= 0 ? content_length
      : is_response ? _rest : 0
    # a body cut by the end of the segment makes the message truncated (the TCP stream hook waits)
    payload-required: true
    next:
      - if: chunked and not (is_response and _answers_note)
        protocol: http_chunked
doc: |
  One HTTP/1.x message: the request line (method, target, version) or the status line (version,
  status as a number, reason), then the header fields in order (repeated fields kept), ending with
  the empty line, which is the list's last item (it has no field to show, so outputs leave it
  out). The body is the payload: framed by chunked
  transfer coding (the HTTP-Chunked layer), by Content-Length, or by the end of the connection
  for a response without either. A message whose start line, header fields or body are not all in
  the segment is truncated. A header line folded onto the one before (obs-fold, RFC 9112 section
  5.2: it starts with a space or tab) makes the message malformed at that line, as a recipient
  may reject it; tshark 4.0 ends the header section there instead. A response to HEAD has no body whatever Content-Length says: over a
  reassembled TCP stream the request it answers says so (exchange); a response dissected alone
  cannot know, and shows as truncated.
doc-ref: RFC 9112 sections 2-7
seq:
  - id: method
    type: str
    terminator: 0x20
    encoding: UTF-8
    if: not is_response
    -json: request.method
  - id: target
    type: str
    terminator: 0x20
    encoding: UTF-8
    if: not is_response
    -json: request.target
  - id: version
    type: str
    terminator: 0x0d
    encoding: UTF-8
    if: not is_response
    -json: request.version
  - id: response_version
    type: str
    terminator: 0x20
    encoding: UTF-8
    if: is_response
    -json: response.version
  - id: status
    size: 3
    if: is_response
    -json: response.status
    -value: _.to_i
  - id: status_end
    type: u1
    if: is_response
    -hide: true
    valid:
      expr: _ == 0x20 or _ == 0x0d
    doc: a space before the reason, or the CR of a status line without one
  - id: reason
    type: str
    terminator: 0x0d
    encoding: UTF-8
    if: is_response and status_end == 0x20
    -json: response.reason
  - id: start_line_end
    contents: [0x0a]
    -hide: true
  - id: headers
    type: header_line
    terminator: 0x0a
    repeat: until
    repeat-until: _.is_end
instances:
  head:
    pos: 0
    size: 5
    if: _io.size >= 5
  is_response:
    value: head == [0x48, 0x54, 0x54, 0x50, 0x2f]
types:
  header_line:
    doc: one header field line (without its LF), or the empty line that ends them
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

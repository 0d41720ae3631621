meta:
  id: ftp
  title: File Transfer Protocol (control connection)
  license: MIT
  xref:
    rfc: [959, 2389, 3659]
  endian: be
  -pcapkit:
    name: FTP
    key: ftp
    layer: application
    dispatch:
      tcp_port: 21
    # found by content only as a known command (any case) or a reply code line, each ending in
    # CRLF: not any line that ends in CRLF, as PyPCAPKit did
    heuristic:
      match: >-
        (?:(?i:USER|PASS|ACCT|CWD|CDUP|SMNT|QUIT|REIN|PORT|PASV|TYPE|STRU|MODE|RETR|STOR|STOU|APPE|ALLO|REST|RNFR|RNTO|ABOR|DELE|RMD|MKD|PWD|LIST|NLST|SITE|SYST|STAT|HELP|NOOP|FEAT|OPTS|AUTH|PBSZ|PROT|CCC|ADAT|MIC|CONF|ENC|EPRT|EPSV|LPRT|LPSV|LANG|MDTM|SIZE|MLST|MLSD|HOST|XCUP|XCWD|XMKD|XPWD|XRMD|CLNT|AVBL|CSID|DSIZ|MFCT|MFF|MFMT|RMDA|SPSV|THMB)(?: [^\r\n]*)?|[1-5][0-9][0-9][ -][^\r\n]*)\r\n
      window: 512
    # one message per layer: commands or replies that follow in the same segment are the next layer
    next:
      - protocol: ftp
    next-when-empty: false
doc: |
  One message of the control connection: a command with its argument, or a reply with its
  three-digit code and text. A multi-line reply ("123-First line" ... "123 Last line") is one
  message with its further lines. Commands and replies are told apart by their first bytes (a
  reply starts with three digits and a space or hyphen), so either direction dissects the same.
  A line that is not finished in the segment (no CRLF yet) is truncated.
doc-ref: RFC 959 section 4
seq:
  - id: request
    type: request
    terminator: 0x0d
    if: not is_reply
  - id: code
    size: 3
    if: is_reply
    -json: response.code
    -value: _.to_i
    doc: the reply code, three digits
  - id: separator
    type: u1
    if: is_reply
    -hide: true
    doc: a hyphen starts a multi-line reply
  - id: text
    type: str
    terminator: 0x0d
    encoding: UTF-8
    if: is_reply
    -json: response.arg
  - id: line_end
    contents: [0x0a]
    -hide: true
  - id: lines
    type: reply_line
    terminator: 0x0a
    repeat: until
    repeat-until: _.ends_reply
    if: is_reply and separator == 0x2d
    -json: response.lines
    doc: the further lines of a multi-line reply, the last one starting with the code and a space
instances:
  c0:
    pos: 0
    type: u1
    if: _io.size >= 4
  c1:
    pos: 1
    type: u1
    if: _io.size >= 4
  c2:
    pos: 2
    type: u1
    if: _io.size >= 4
  c3:
    pos: 3
    type: u1
    if: _io.size >= 4
  is_reply:
    value: >-
      _io.size >= 4 and c0 >= 0x31 and c0 <= 0x35 and c1 >= 0x30 and c1 <= 0x39
      and c2 >= 0x30 and c2 <= 0x39 and (c3 == 0x20 or c3 == 0x2d)
types:
  request:
    seq:
      - id: command
        type: str
        terminator: 0x20
        eos-error: false
        encoding: UTF-8
      - id: arg
        type: str
        size-eos: true
        encoding: UTF-8
        if: not _io.eof
  reply_line:
    seq:
      - id: text
        type: str
        size-eos: true
        pad-right: 0x0d
        encoding: UTF-8
    instances:
      head:
        pos: 0
        size: 3
        if: _io.size >= 4
      sep:
        pos: 3
        type: u1
        if: _io.size >= 4
      ends_reply:
        value: _io.size >= 4 and head == _parent.code and sep == 0x20

meta:
  id: dns
  title: Domain Name System (and multicast DNS)
  license: MIT
  xref:
    rfc: [1035, 3596, 2782, 6891, 6762]
  endian: be
  # dns_name is a runtime primitive type (compressed names): opaque to the Kaitai compiler
  ks-opaque-types: true
  -pcapkit:
    name: DNS
    key: dns
    layer: application
    dispatch:
      udp_port:
        - 53
        - {value: 5353, name: mDNS, key: mdns}
      # over TCP a 2-byte length comes first (RFC 1035 section 4.2.2)
      tcp_port:
        - {value: 53, params: {tcp: true}}
        # Wireshark's DNS takes 5353 over TCP too (multicast DNS is UDP; over TCP it is plain DNS)
        - {value: 5353, params: {tcp: true}}
doc: |
  A DNS message: the header (id, flags, section counts), the questions, and the answer,
  authority and additional records. Names use message compression; a name's pointers resolve
  in the message, at most Limits.MAX_DNS_POINTER_HOPS of them (a loop is a malformed layer).
  Records of the common types are decoded (A, AAAA, NS, CNAME, PTR, MX, TXT, SOA, SRV, OPT);
  others keep their data as bytes. Over TCP the message follows its 2-byte length and a message
  cut by the end of the segment is truncated. Multicast DNS (UDP 5353) has the same format.
doc-ref: RFC 1035 section 4.1
params:
  - id: tcp
    type: bool
    doc: over TCP, where a 2-byte length prefixes the message
seq:
  - id: length
    type: u2
    if: tcp
    doc: length of the message that follows (TCP only)
  - id: message
    type: message
    size: 'tcp ? length : _io.size'
    -flatten: true
types:
  message:
    seq:
      - id: id
        type: u2
        -format: hex
      - id: qr
        type: b1
        -json: flags.qr
        doc: a response
      - id: opcode
        type: b4
        -json: flags.opcode
        -enum: opcode
      - id: aa
        type: b1
        -json: flags.aa
        doc: authoritative answer
      - id: tc
        type: b1
        -json: flags.tc
        doc: truncated
      - id: rd
        type: b1
        -json: flags.rd
        doc: recursion desired
      - id: ra
        type: b1
        -json: flags.ra
        doc: recursion available
      - id: z
        type: b1
        -json: flags.z
      - id: ad
        type: b1
        -json: flags.ad
        doc: authentic data (RFC 4035)
      - id: cd
        type: b1
        -json: flags.cd
        doc: checking disabled (RFC 4035)
      - id: rcode
        type: b4
        -json: flags.rcode
        -enum: rcode
      - id: num_questions
        type: u2
        -json: qdcount
      - id: num_answers
        type: u2
        -json: ancount
      - id: num_authorities
        type: u2
        -json: nscount
      - id: num_additionals
        type: u2
        -json: arcount
      - id: questions
        type: question
        repeat: expr
        repeat-expr: num_questions
      - id: answers
        type: resource_record
        repeat: expr
        repeat-expr: num_answers
      - id: authorities
        type: resource_record
        repeat: expr
        repeat-expr: num_authorities
      - id: additionals
        type: resource_record
        repeat: expr
        repeat-expr: num_additionals
  question:
    seq:
      - id: name
        type: dns_name(_io)
      - id: type
        type: u2
        -enum: rr_type
      - id: rr_class
        type: u2
        -json: class
        -enum: rr_class
        doc: in mDNS the top bit asks for a unicast response (RFC 6762 section 5.4)
  resource_record:
    seq:
      - id: name
        type: dns_name(_io)
      - id: type
        type: u2
        -enum: rr_type
      - id: rr_class
        type: u2
        -json: class
        -enum: rr_class
        doc: for OPT, the requester's UDP payload size; in mDNS the top bit flushes the cache
      - id: ttl
        type: u4
        doc: for OPT, the extended RCODE, the EDNS version and flags
      - id: rdlength
        type: u2
      - id: rdata
        size: rdlength
        type:
          switch-on: type
          cases:
            1: rdata_a
            2: rdata_ns
            5: rdata_cname
            6: rdata_soa
            12: rdata_ptr
            15: rdata_mx
            16: rdata_txt
            28: rdata_aaaa
            33: rdata_srv
            41: rdata_opt
        -flatten: true
        doc: the record's data; of other types, its bytes
  rdata_a:
    seq:
      - id: address
        type: u4
        -format: ipv4
  rdata_aaaa:
    seq:
      - id: address
        size: 16
        -format: ipv6
  rdata_ns:
    seq:
      - id: ns
        type: dns_name(_parent._io)
  rdata_cname:
    seq:
      - id: cname
        type: dns_name(_parent._io)
  rdata_ptr:
    seq:
      - id: ptr
        type: dns_name(_parent._io)
  rdata_mx:
    seq:
      - id: preference
        type: u2
      - id: exchange
        type: dns_name(_parent._io)
  rdata_soa:
    doc-ref: RFC 1035 section 3.3.13
    seq:
      - id: mname
        type: dns_name(_parent._io)
      - id: rname
        type: dns_name(_parent._io)
      - id: serial
        type: u4
      - id: refresh
        type: u4
      - id: retry
        type: u4
      - id: expire
        type: u4
      - id: minimum
        type: u4
  rdata_txt:
    seq:
      - id: txt
        type: character_string
        repeat: eos
  character_string:
    seq:
      - id: length
        type: u1
        -hide: true
      - id: text
        type: str
        size: length
        encoding: UTF-8
  rdata_srv:
    doc-ref: RFC 2782
    seq:
      - id: priority
        type: u2
      - id: weight
        type: u2
      - id: port
        type: u2
      - id: target
        type: dns_name(_parent._io)
  rdata_opt:
    doc-ref: RFC 6891 section 6.1.2
    seq:
      - id: options
        type: edns_option
        repeat: eos
  edns_option:
    seq:
      - id: code
        type: u2
        -enum: edns_option_code
      - id: len_data
        type: u2
        -json: length
      - id: data
        size: len_data
enums:
  opcode:
    0: {id: query, -name: QUERY}
    1: {id: iquery, -name: IQUERY}
    2: {id: status, -name: STATUS}
    4: {id: notify, -name: NOTIFY}
    5: {id: update, -name: UPDATE}
    6: {id: dso, -name: DSO}
  rcode:
    0: {id: noerror, -name: NOERROR}
    1: {id: formerr, -name: FORMERR}
    2: {id: servfail, -name: SERVFAIL}
    3: {id: nxdomain, -name: NXDOMAIN}
    4: {id: notimp, -name: NOTIMP}
    5: {id: refused, -name: REFUSED}
    6: {id: yxdomain, -name: YXDOMAIN}
    7: {id: yxrrset, -name: YXRRSET}
    8: {id: nxrrset, -name: NXRRSET}
    9: {id: notauth, -name: NOTAUTH}
    10: {id: notzone, -name: NOTZONE}
  rr_class:
    1: {id: in, -name: IN}
    3: {id: ch, -name: CH}
    4: {id: hs, -name: HS}
    254: {id: none, -name: NONE}
    255: {id: any, -name: ANY}
  rr_type:
    1: {id: a, -name: A}
    2: {id: ns, -name: NS}
    5: {id: cname, -name: CNAME}
    6: {id: soa, -name: SOA}
    12: {id: ptr, -name: PTR}
    13: {id: hinfo, -name: HINFO}
    15: {id: mx, -name: MX}
    16: {id: txt, -name: TXT}
    28: {id: aaaa, -name: AAAA}
    33: {id: srv, -name: SRV}
    35: {id: naptr, -name: NAPTR}
    41: {id: opt, -name: OPT}
    43: {id: ds, -name: DS}
    46: {id: rrsig, -name: RRSIG}
    47: {id: nsec, -name: NSEC}
    48: {id: dnskey, -name: DNSKEY}
    50: {id: nsec3, -name: NSEC3}
    64: {id: svcb, -name: SVCB}
    65: {id: https, -name: HTTPS}
    99: {id: spf, -name: SPF}
    251: {id: ixfr, -name: IXFR}
    252: {id: axfr, -name: AXFR}
    255: {id: any, -name: ANY}
    257: {id: caa, -name: CAA}
  edns_option_code:
    3: {id: nsid, -name: NSID}
    8: {id: client_subnet, -name: CLIENT_SUBNET}
    10: {id: cookie, -name: COOKIE}
    11: {id: tcp_keepalive, -name: TCP_KEEPALIVE}
    12: {id: padding, -name: PADDING}

#!/usr/bin/env python3
"""Writes a PROPFIND Depth 1 allprop answer with N members, shaped like
Apache mod_dav's (lp1/lp2 prefixes on each response, no indentation), to
stdout. Names mix spaces and non-ASCII, percent-encoded as Apache does.

    gen-multistatus.py N > body.xml
"""

import sys
import urllib.parse

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
out = sys.stdout
out.write('<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">\n')

def response(href, collection, size):
    rtype = '<D:collection/>' if collection else ''
    length = '' if collection else f'<lp1:getcontentlength>{size}</lp1:getcontentlength>\n'
    out.write(
        '<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">\n'
        f'<D:href>{href}</D:href>\n'
        '<D:propstat>\n<D:prop>\n'
        f'<lp1:resourcetype>{rtype}</lp1:resourcetype>\n'
        '<lp1:creationdate>2026-11-24T19:13:28Z</lp1:creationdate>\n'
        f'{length}'
        '<lp1:getlastmodified>Tue, 24 Nov 2026 19:13:28 GMT</lp1:getlastmodified>\n'
        '<lp1:getetag>"1000-6610a81676649"</lp1:getetag>\n'
        '<lp2:executable>F</lp2:executable>\n'
        '<D:supportedlock>\n<D:lockentry>\n<D:lockscope><D:exclusive/></D:lockscope>\n'
        '<D:locktype><D:write/></D:locktype>\n</D:lockentry>\n<D:lockentry>\n'
        '<D:lockscope><D:shared/></D:lockscope>\n<D:locktype><D:write/></D:locktype>\n'
        '</D:lockentry>\n</D:supportedlock>\n<D:lockdiscovery/>\n'
        '<D:getcontenttype>text/plain</D:getcontenttype>\n'
        '</D:prop>\n<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n</D:response>\n')

response('/bench/', True, 0)
for i in range(n):
    name = f'file {i:06d} Grüße.txt' if i % 7 == 0 else f'f{i:06d}.txt'
    response('/bench/' + urllib.parse.quote(name).lower(), False, i * 13 % 100000)
out.write('</D:multistatus>\n')

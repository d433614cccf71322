#!/usr/bin/env python3
"""Writes small seed inputs for the fuzz targets into fuzz/seeds/<target>/.
Run from the repository root: python3 fuzz/make_seeds.py"""

import io
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")
MD = open(os.path.join(ROOT, "tests/fixtures/formats/kempen.md"), encoding="utf-8").read()

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
DOCX_BODY = (
    '<w:p><w:pPr><w:pStyle w:val="Kop1"/></w:pPr><w:r><w:t>Streekpact RESOC Kempen</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>1. Rol</w:t></w:r></w:p>'
    '<w:p><w:r><w:t xml:space="preserve">Het RESOC neemt </w:t></w:r><w:r><w:rPr><w:b/><w:i w:val="0"/></w:rPr><w:t>een trekkersrol</w:t></w:r>'
    '<w:del w:id="1"><w:r><w:delText>niet</w:delText></w:r></w:del><w:r><w:tab/><w:br/><w:t>op &amp; co&#246;rdineert.</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>punt</w:t></w:r></w:p>'
    '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Klik hier</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Trekker</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>genest</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>'
    '<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>kader</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:t>x</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>'
)
DOCUMENT = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{DOCX_BODY}</w:body></w:document>'
STYLES = (f'<w:styles {W}><w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Kop2"/>'
          '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Kop2"><w:basedOn w:val="Kop1"/></w:style></w:styles>')

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')
CONTENT = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}><office:automatic-styles>'
           '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
           '<style:style style:name="P1" style:family="paragraph" style:default-outline-level="2"/></office:automatic-styles>'
           '<office:body><office:text><text:h text:outline-level="1">Streekpact</text:h><text:p text:style-name="P1">Rol</text:p>'
           '<text:p>Het <text:span text:style-name="T1">RESOC</text:span><text:s text:c="3"/>trekt<text:tab/>x<text:line-break/>y'
           '<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>noot</text:p></text:note-body></text:note></text:p>'
           '<text:list><text:list-item><text:p>een</text:p><text:list><text:list-item><text:p>twee</text:p></text:list-item></text:list></text:list-item></text:list>'
           '<table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>'
           '<text:tracked-changes><text:changed-region><text:deletion><text:p>weg</text:p></text:deletion></text:changed-region></text:tracked-changes>'
           '<text:p><draw:frame><draw:text-box><text:p>kader</text:p></draw:text-box></draw:frame></text:p></office:text></office:body></office:document-content>')

HTML = ('<!DOCTYPE html><html><head><meta charset="windows-1252"><title>t</title><script>x="<p>"</script></head><body>'
        '<header><nav>Menu</nav></header><main><article><header><h1>Streekpact</h1></header>'
        '<p>Het <strong>RESOC</strong> <em>trekt</em> &amp; co&ouml;rdineert&nbsp;&euro;<br>regel<span hidden>x</span>'
        '<span style="display:none">y</span><span aria-hidden="true">z</span></p><ul><li>een<li><p>twee</p><ul><li>drie</ul></ul>'
        '<table><tr><th>a<td>b<tr><td><table><tr><td>c</table></table><pre>  vast\n  blok</pre><b>vet <i>beide</b> schuin</i>'
        '</article></main><aside>zij</aside><footer>voet</footer><!-- c --></body></html>')


def zipped(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data)
    return buf.getvalue()


def write(target, name, data):
    d = os.path.join(SEEDS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


write("text", "md", b"\x01" + MD.encode("utf-8"))
write("text", "cp1252", b"\x00" + MD.encode("cp1252"))
write("text", "utf16", b"\x00" + b"\xff\xfe" + MD.encode("utf-16-le"))
write("docx_xml", "document", DOCUMENT)
write("docx_xml", "styles", STYLES)
write("odt_xml", "content", CONTENT)
write("html", "page", HTML.encode("cp1252", errors="replace"))
write("html", "utf8", "<h2>Rol</h2><p>Het RESOC coördineert.</p>")
write("container", "docx", b"\x00" + zipped([("word/document.xml", DOCUMENT), ("word/styles.xml", STYLES)]))
write("container", "odt", b"\x01" + zipped([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", CONTENT),
                                            ("META-INF/manifest.xml", "<manifest:manifest/>")]))
write("pdf_clean", "pages", "Kop 2013\n\nTitel\n\nHet RESOC neemt een trekkers-\nPagina 1 van 2\x0cKop 2013\nrol op in Oost-\nen West.\n- 2 -")
write("pdf_clean", "sized", "8.0\tKop 2013\n16.0\tStreekpact RESOC\n16.0\tKempen\n\n12.0\t1. Rol\n10.0\tHet RESOC neemt een trekkers-\n8.0\tPagina 1 van 2\x0c8.0\tKop 2013\n10.0\trol op.\n8.0\t- 2 -")

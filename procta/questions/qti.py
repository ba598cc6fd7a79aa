"""Questions as QTI 3.0 (namespace ``http://www.imsglobal.org/xsd/imsqtiasi_v3p0``).

Export is a content package: ``imsmanifest.xml`` lists one ``imsqti_item_xmlv3p0`` resource
per question (its tags as LOM keywords in the resource metadata) and ``items/q-<id>.xml``
holds the ``qti-assessment-item``:

- single_choice, true_false: ``qti-choice-interaction`` with ``max-choices="1"``, the key as
  the correct response (true/false use the choice ids ``true`` and ``false``);
- multiple_choice: the same with ``cardinality="multiple"``; with partial credit, a
  ``qti-mapping`` of +points/n per correct and -points/n per wrong choice, bounded below
  by 0, which is exactly our partial-credit rule;
- short_answer: ``qti-text-entry-interaction``, base type string, every accepted answer a
  ``qti-map-entry`` (``case-sensitive`` says how to match);
- numeric: ``qti-text-entry-interaction``, base type float, and response processing with
  ``qti-equal tolerance-mode="absolute"`` carrying the tolerance;
- essay: ``qti-extended-text-interaction`` with no key;
- points: the ``MAXSCORE`` outcome's default; explanation: a ``qti-rubric-block`` for the
  scorer.

Import takes such a package or a single item file. Untrusted XML is parsed defensively: a
DOCTYPE or an entity declaration refuses the upload, and zip entries are read with size
caps (no zip bombs); nothing is extracted to disk.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Any
from xml.etree import ElementTree as ET
from xml.parsers.expat import ExpatError, ParserCreate

from procta.errors import BadRequest
from procta.questions.models import Question
from procta.questions.schemas import CHOICE_TYPES, ParsedImport

QTI_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
ITEM_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
CP_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
ITEM_RESOURCE = "imsqti_item_xmlv3p0"
MANIFEST = "imsmanifest.xml"
STEM_CLASS = "procta-stem"
MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 2_000_000
MAX_TOTAL_BYTES = 50_000_000


def q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element in the parent's default namespace (set by an ``xmlns`` attribute:
    ElementTree's ``default_namespace`` cannot write unqualified attributes)."""
    element = ET.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    element.text = text
    return element


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --- export ---------------------------------------------------------------------------------


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def item_id(question: Question) -> str:
    return f"q-{question.id}"


def _declaration(root: ET.Element, question: Question) -> None:
    kind, key, points = question.type, question.answer, question.points
    cardinality = "multiple" if kind == "multiple_choice" else "single"
    base = {"short_answer": "string", "essay": "string", "numeric": "float"}.get(kind)
    declaration = _sub(
        root,
        "qti-response-declaration",
        identifier="RESPONSE",
        cardinality=cardinality,
        base_type=base or "identifier",
    )
    correct: list[str] = []
    if kind in CHOICE_TYPES:
        correct = key if isinstance(key, list) else [key]
    elif kind == "true_false":
        correct = ["true" if key else "false"]
    elif kind == "short_answer":
        correct = key["accepted"][:1]
    elif kind == "numeric":
        correct = [_number(key["value"])]
    if correct:
        values = _sub(declaration, "qti-correct-response")
        for value in correct:
            _sub(values, "qti-value", value)
    if kind == "multiple_choice" and question.partial_credit:
        share = points / len(key)
        mapping = _sub(
            declaration,
            "qti-mapping",
            lower_bound="0",
            upper_bound=_number(points),
            default_value="0",
        )
        for option in question.options:
            mapped = share if option["id"] in key else -share
            _sub(mapping, "qti-map-entry", map_key=option["id"], mapped_value=_number(mapped))
    elif kind == "short_answer":
        mapping = _sub(declaration, "qti-mapping", default_value="0")
        sensitive = "false" if key["match"] == "case_insensitive" else "true"
        for accepted in key["accepted"]:
            _sub(
                mapping,
                "qti-map-entry",
                map_key=accepted,
                mapped_value=_number(points),
                case_sensitive=sensitive,
            )


def _outcomes(root: ET.Element, points: float) -> None:
    for name, default in (("SCORE", "0"), ("MAXSCORE", _number(points))):
        outcome = _sub(
            root,
            "qti-outcome-declaration",
            identifier=name,
            cardinality="single",
            base_type="float",
        )
        _sub(_sub(outcome, "qti-default-value"), "qti-value", default)


def _body(root: ET.Element, question: Question) -> None:
    body = _sub(root, "qti-item-body")
    kind = question.type
    if kind in (*CHOICE_TYPES, "true_false"):
        interaction = _sub(
            body,
            "qti-choice-interaction",
            response_identifier="RESPONSE",
            shuffle="false",
            max_choices="0" if kind == "multiple_choice" else "1",
        )
        _sub(interaction, "qti-prompt", question.stem)
        for option in question.options:
            _sub(interaction, "qti-simple-choice", option["text"], identifier=option["id"])
    elif kind == "essay":
        interaction = _sub(body, "qti-extended-text-interaction", response_identifier="RESPONSE")
        _sub(interaction, "qti-prompt", question.stem)
    else:
        _sub(body, "div", question.stem, **{"class": STEM_CLASS})
        _sub(_sub(body, "div"), "qti-text-entry-interaction", response_identifier="RESPONSE")
    if question.explanation:
        rubric = _sub(body, "qti-rubric-block", use="scoring", view="scorer")
        _sub(_sub(rubric, "qti-content-body"), "p", question.explanation)


def _processing(root: ET.Element, question: Question) -> None:
    if question.type == "essay":
        return  # graded by hand
    processing = _sub(root, "qti-response-processing")
    if question.type == "short_answer" or question.partial_credit:
        setter = _sub(processing, "qti-set-outcome-value", identifier="SCORE")
        _sub(setter, "qti-map-response", identifier="RESPONSE")
        return
    branch = _sub(_sub(processing, "qti-response-condition"), "qti-response-if")
    if question.type == "numeric":
        tolerance = _number(question.answer["tolerance"])
        test = _sub(
            branch, "qti-equal", tolerance_mode="absolute", tolerance=f"{tolerance} {tolerance}"
        )
    else:
        test = _sub(branch, "qti-match")
    _sub(test, "qti-variable", identifier="RESPONSE")
    _sub(test, "qti-correct", identifier="RESPONSE")
    setter = _sub(branch, "qti-set-outcome-value", identifier="SCORE")
    _sub(setter, "qti-variable", identifier="MAXSCORE")


def item_xml(question: Question) -> bytes:
    root = ET.Element(
        "qti-assessment-item",
        {
            "xmlns": QTI_NS,
            XSI: f"{QTI_NS} {ITEM_XSD}",
            "identifier": item_id(question),
            "title": " ".join(question.stem.split())[:80],
            "adaptive": "false",
            "time-dependent": "false",
        },
    )
    _declaration(root, question)
    _outcomes(root, question.points)
    _body(root, question)
    _processing(root, question)
    return _serialise(root)


def _manifest(questions: list[Question]) -> bytes:
    root = ET.Element(
        "manifest",
        {"xmlns": CP_NS, "identifier": "procta-question-bank", XSI: f"{CP_NS} {CP_XSD}"},
    )
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "QTI Package")
    _sub(metadata, "schemaversion", "3.0.0")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for question in questions:
        href = f"items/{item_id(question)}.xml"
        resource = _sub(
            resources, "resource", identifier=item_id(question), type=ITEM_RESOURCE, href=href
        )
        if question.tags:
            lom = _sub(_sub(resource, "metadata"), "lom", xmlns=LOM_NS)
            general = _sub(lom, "general")
            for tag in question.tags:
                _sub(_sub(general, "keyword"), "string", tag)
        _sub(resource, "file", href=href)
    return _serialise(root)


def export_package(questions: list[Question]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, _manifest(questions))
        for question in questions:
            archive.writestr(f"items/{item_id(question)}.xml", item_xml(question))
    return buffer.getvalue()


# --- safe parsing -----------------------------------------------------------------------------


class ItemProblem(Exception):
    """Why one item cannot become a question; reported against that item."""


class _Declared(Exception):
    pass


def _refuse(*_: Any) -> None:
    raise _Declared


def parse_xml(data: bytes, what: str) -> ET.Element:
    """Parse untrusted XML: a DOCTYPE or entity declaration refuses the whole upload (no
    entity expansion, no external references); malformed XML is an ItemProblem."""
    scanner = ParserCreate()
    scanner.StartDoctypeDeclHandler = _refuse
    scanner.EntityDeclHandler = _refuse
    try:
        scanner.Parse(data, True)
    except _Declared:
        raise BadRequest(
            f"{what} declares a DOCTYPE or entities; such XML is refused.", code="invalid_qti"
        ) from None
    except ExpatError as exc:
        raise ItemProblem(f"{what} is not well-formed XML ({exc})") from None
    return ET.fromstring(data)  # noqa: S314 (checked above: no DOCTYPE, so no entities)


# --- import ---------------------------------------------------------------------------------


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def _values(parent: ET.Element | None) -> list[str]:
    if parent is None:
        return []
    return [(v.text or "").strip() for v in parent.iter(q("qti-value"))]


def _float(text: str | None, what: str) -> float:
    try:
        return float(text or "")
    except ValueError:
        raise ItemProblem(f"{what} {text!r} is not a number") from None


def _stem(body: ET.Element, interaction: ET.Element) -> str:
    prompt = interaction.find(q("qti-prompt"))
    if prompt is not None:
        return _text(prompt)
    for element in body.iter():
        if element.get("class") == STEM_CLASS:
            return _text(element)
    skipped = {q("qti-rubric-block"), interaction.tag}
    chunks: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.tag in skipped:
            return
        chunks.append(node.text or "")
        for child in node:
            walk(child)
            chunks.append(child.tail or "")

    walk(body)
    lines = "".join(chunks).splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def _points(root: ET.Element, declaration: ET.Element) -> float:
    for outcome in root.iter(q("qti-outcome-declaration")):
        if outcome.get("identifier") == "MAXSCORE":
            values = _values(outcome.find(q("qti-default-value")))
            return _float(values[0] if values else None, "MAXSCORE")
    mapping = declaration.find(q("qti-mapping"))
    if mapping is not None and mapping.get("upper-bound"):
        return _float(mapping.get("upper-bound"), "the mapping's upper bound")
    return 1.0


def _tolerance(root: ET.Element) -> float:
    for equal in root.iter(q("qti-equal")):
        if equal.get("tolerance-mode") == "absolute":
            return _float((equal.get("tolerance") or "0").split()[0], "the tolerance")
    return 0.0


def _choice(declaration: ET.Element, interaction: ET.Element) -> dict[str, Any]:
    options = [
        {"id": choice.get("identifier"), "text": _text(choice)}
        for choice in interaction.iter(q("qti-simple-choice"))
    ]
    correct = _values(declaration.find(q("qti-correct-response")))
    if declaration.get("cardinality") in ("multiple", "ordered"):
        return {
            "type": "multiple_choice",
            "options": options,
            "answer": correct,
            "partial_credit": declaration.find(q("qti-mapping")) is not None,
        }
    if not correct:
        raise ItemProblem("the item has no correct response")
    if {o["id"] for o in options} == {"true", "false"}:
        return {"type": "true_false", "answer": correct[0] == "true"}
    return {"type": "single_choice", "options": options, "answer": correct[0]}


def _text_entry(root: ET.Element, declaration: ET.Element) -> dict[str, Any]:
    base = declaration.get("base-type")
    correct = _values(declaration.find(q("qti-correct-response")))
    if base in ("float", "integer"):
        value = _float(correct[0] if correct else None, "the correct response")
        return {"type": "numeric", "answer": {"value": value, "tolerance": _tolerance(root)}}
    if base != "string":
        raise ItemProblem(f"a text entry with base type {base!r} is not supported")
    entries = list(declaration.iter(q("qti-map-entry")))
    if not entries:
        return {"type": "short_answer", "answer": {"accepted": correct, "match": "exact"}}
    insensitive = all(e.get("case-sensitive") == "false" for e in entries)
    return {
        "type": "short_answer",
        "answer": {
            "accepted": [e.get("map-key") or "" for e in entries],
            "match": "case_insensitive" if insensitive else "exact",
        },
    }


INTERACTIONS = {
    q("qti-choice-interaction"),
    q("qti-text-entry-interaction"),
    q("qti-extended-text-interaction"),
}


def item_question(root: ET.Element) -> dict[str, Any]:
    """The raw question fields of one ``qti-assessment-item`` (checked later, like any)."""
    if root.tag != q("qti-assessment-item"):
        raise ItemProblem(f"not a QTI 3.0 assessment item (<qti-assessment-item> in {QTI_NS})")
    body = root.find(q("qti-item-body"))
    interactions = [e for e in body.iter() if e.tag in INTERACTIONS] if body is not None else []
    if body is None or len(interactions) != 1:
        raise ItemProblem(
            "an item needs exactly one choice, text entry or extended text interaction"
        )
    interaction = interactions[0]
    declaration = next(
        (
            d
            for d in root.iter(q("qti-response-declaration"))
            if d.get("identifier") == interaction.get("response-identifier")
        ),
        None,
    )
    if declaration is None:
        raise ItemProblem("the interaction's response declaration is missing")
    if interaction.tag == q("qti-choice-interaction"):
        fields = _choice(declaration, interaction)
    elif interaction.tag == q("qti-text-entry-interaction"):
        fields = _text_entry(root, declaration)
    else:
        fields = {"type": "essay", "answer": None}
    rubrics = [_text(r) for r in body.iter(q("qti-rubric-block")) if r.get("use") == "scoring"]
    return {
        "stem": _stem(body, interaction),
        "points": _points(root, declaration),
        "explanation": "\n\n".join(r for r in rubrics if r),
        **fields,
    }


class _Package:
    """A zip read with caps on the number and size of entries."""

    def __init__(self, data: bytes) -> None:
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, ValueError):
            raise BadRequest("The file is not a valid zip package.", code="invalid_qti") from None
        if len(infos) > MAX_ENTRIES:
            raise BadRequest(f"The package has over {MAX_ENTRIES} files.", code="invalid_qti")
        self.entries = {info.filename: info for info in infos}
        self.read_bytes = 0

    def read(self, name: str) -> bytes:
        try:
            with self.archive.open(self.entries[name]) as entry:
                data = entry.read(MAX_ENTRY_BYTES + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, OSError):
            raise BadRequest(f"{name} in the package cannot be read.", code="invalid_qti") from None
        self.read_bytes += len(data)
        if len(data) > MAX_ENTRY_BYTES or self.read_bytes > MAX_TOTAL_BYTES:
            raise BadRequest("The package unpacks to too much data.", code="invalid_qti")
        return data


def _keywords(resource: ET.Element) -> list[str]:
    return [
        _text(string)
        for keyword in resource.iter()
        if _local(keyword.tag) == "keyword"
        for string in keyword
        if _local(string.tag) == "string" and _text(string)
    ]


def _parse_package(data: bytes) -> ParsedImport:
    package = _Package(data)
    if MANIFEST not in package.entries:
        raise BadRequest(f"The package has no {MANIFEST}.", code="invalid_qti")
    try:
        manifest = parse_xml(package.read(MANIFEST), MANIFEST)
    except ItemProblem as problem:
        raise BadRequest(f"{problem}.", code="invalid_qti") from None
    resources = [
        r
        for r in manifest.iter()
        if _local(r.tag) == "resource" and (r.get("type") or "").startswith("imsqti_item")
    ]
    if not resources:
        raise BadRequest("The manifest lists no QTI items.", code="invalid_qti")
    parsed = ParsedImport()
    for number, resource in enumerate(resources, start=1):
        href = resource.get("href") or ""
        path = posixpath.normpath(href) if href else ""
        if path not in package.entries:
            parsed.reject(number, [f"the item file {href!r} is not in the package"], href)
            continue
        try:
            raw = item_question(parse_xml(package.read(path), path))
        except ItemProblem as problem:
            parsed.reject(number, [str(problem)], href)
            continue
        parsed.add(number, raw | {"tags": _keywords(resource)}, href)
    return parsed


def parse_qti(data: bytes) -> ParsedImport:
    """A QTI 3.0 package (zip) or one item file."""
    if data.startswith(b"PK"):
        return _parse_package(data)
    try:
        root = parse_xml(data, "The file")
        if root.tag != q("qti-assessment-item"):
            raise ItemProblem(
                "The file is neither a zip package nor a QTI 3.0 assessment item "
                f"(<qti-assessment-item> in {QTI_NS})"
            )
    except ItemProblem as problem:
        raise BadRequest(f"{problem}.", code="invalid_qti") from None
    parsed = ParsedImport()
    try:
        parsed.add(1, item_question(root))
    except ItemProblem as problem:
        parsed.reject(1, [str(problem)])
    return parsed

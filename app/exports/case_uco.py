"""CASE/UCO JSON-LD export: the investigation, exhibits, custody actions, images and file hashes.

Identifiers are UUIDv5 of the case and the thing named, so an export of the same case is the same
graph every time. Written as a stream: a case with a million files never sits in memory.
"""

import json
import uuid
from collections.abc import Iterator
from typing import Any, TextIO

from app import __version__
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.catalogue import Catalogue
from chain_of_custody.custody import PREFIX, replay
from chain_of_custody.identity import fingerprint
from chain_of_custody.ledger import Event

CONTEXT = {
    "kb": "http://example.org/kb/",
    "case-investigation": "https://ontology.caseontology.org/case/investigation/",
    "uco-action": "https://ontology.unifiedcyberontology.org/uco/action/",
    "uco-core": "https://ontology.unifiedcyberontology.org/uco/core/",
    "uco-identity": "https://ontology.unifiedcyberontology.org/uco/identity/",
    "uco-observable": "https://ontology.unifiedcyberontology.org/uco/observable/",
    "uco-role": "https://ontology.unifiedcyberontology.org/uco/role/",
    "uco-tool": "https://ontology.unifiedcyberontology.org/uco/tool/",
    "uco-types": "https://ontology.unifiedcyberontology.org/uco/types/",
    "uco-vocabulary": "https://ontology.unifiedcyberontology.org/uco/vocabulary/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_HASH_NAMES = (("md5", "MD5"), ("sha1", "SHA1"), ("sha256", "SHA256"))


class _Ids:
    def __init__(self, case_key: str) -> None:
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"haechi:{case_key}")

    def __call__(self, kind: str, key: object) -> str:
        return f"kb:{kind}-{uuid.uuid5(self._namespace, f'{kind}:{key}')}"


def _ref(node_id: str) -> dict[str, str]:
    return {"@id": node_id}


def _time(text: str) -> dict[str, str]:
    value = text if text.endswith("Z") else f"{text}Z"
    return {"@type": "xsd:dateTime", "@value": value}


def _hashes(ids: _Ids, owner: str, values: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "@id": ids("hash", f"{owner}:{label}"),
            "@type": "uco-types:Hash",
            "uco-types:hashMethod": label,
            "uco-types:hashValue": {"@type": "xsd:hexBinary", "@value": str(values[key]).upper()},
        }
        for key, label in _HASH_NAMES
        if values.get(key)
    ]


def _facet(ids: _Ids, owner: str, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"@id": ids("facet", f"{owner}:{kind}"), "@type": f"uco-observable:{kind}", **body}


class CaseUcoExporter:
    def __init__(self, db: CaseDatabase) -> None:
        self.db = db
        self.info = db.info()
        self.ids = _Ids(self.info.get("number", "") + self.info.get("created_at", ""))
        self.events = list(db.ledger.events())
        self.catalogue = Catalogue(db.conn)

    def write(self, out: TextIO) -> int:
        out.write('{"@context": ' + json.dumps(CONTEXT) + ', "@graph": [\n')
        count = 0
        for node in self._nodes():
            out.write((",\n" if count else "") + json.dumps(node, ensure_ascii=False, sort_keys=True))
            count += 1
        out.write("\n]}\n")
        return count

    def _nodes(self) -> Iterator[dict[str, Any]]:
        yield from self._people_and_tool()
        yield from self._exhibits()
        for item in self.catalogue.all_evidence():
            yield from self._image(item)
        yield from self._actions()
        yield self._investigation()

    # who and with what --------------------------------------------------------------------------
    def _people_and_tool(self) -> Iterator[dict[str, Any]]:
        yield {
            "@id": self.ids("tool", "haechi"),
            "@type": "uco-tool:Tool",
            "uco-core:name": "Haechi",
            "uco-tool:version": __version__,
        }
        yield {
            "@id": self.ids("role", "examiner"),
            "@type": "case-investigation:Examiner",
            "uco-core:name": "Examiner",
        }
        for name, key in self.db.conn.execute("SELECT name, public_key FROM examiners ORDER BY name"):
            person = self.ids("identity", name)
            yield {
                "@id": person,
                "@type": "uco-identity:Identity",
                "uco-core:name": name,
                "uco-core:description": f"Ed25519 key fingerprint {fingerprint(key)}",
            }
            yield {
                "@id": self.ids("relationship", f"examiner:{name}"),
                "@type": "uco-core:Relationship",
                "uco-core:source": [_ref(person)],
                "uco-core:target": _ref(self.ids("role", "examiner")),
                "uco-core:kindOfRelationship": "Has_Role",
                "uco-core:isDirectional": True,
            }

    # exhibits and their custody record ----------------------------------------------------------
    def _exhibits(self) -> Iterator[dict[str, Any]]:
        for exhibit in sorted(replay(self.events)):
            first = next(
                e for e in self.events if e.action.startswith(PREFIX) and e.details.get("exhibit") == exhibit
            )
            device_id = self.ids("device", exhibit)
            properties = {
                f"uco-observable:{prop}": str(first.details[field])
                for field, prop in (("serial", "serialNumber"), ("model", "model"))
                if first.details.get(field)
            }
            device = _facet(self.ids, device_id, "DeviceFacet", properties)
            yield {
                "@id": device_id,
                "@type": "uco-observable:ObservableObject",
                "uco-core:name": exhibit,
                "uco-core:description": str(first.details.get("description", "")),
                "uco-core:hasFacet": [device],
            }
            images = [row["id"] for row in self.catalogue.all_evidence() if row.get("exhibit") == exhibit]
            yield {
                "@id": self.ids("provenance", exhibit),
                "@type": "case-investigation:ProvenanceRecord",
                "case-investigation:exhibitNumber": exhibit,
                "uco-core:object": [_ref(self.ids("device", exhibit))]
                + [_ref(self.ids("image", i)) for i in images],
            }
            if first.details.get("authority"):
                yield {
                    "@id": self.ids("authorization", first.details["authority"]),
                    "@type": "case-investigation:Authorization",
                    "case-investigation:authorizationType": "warrant",
                    "case-investigation:authorizationIdentifier": [str(first.details["authority"])],
                }

    # images and files ---------------------------------------------------------------------------
    def _image(self, item: dict[str, Any]) -> Iterator[dict[str, Any]]:
        image = self.ids("image", item["id"])
        yield {
            "@id": image,
            "@type": "uco-observable:ObservableObject",
            "uco-core:name": item["label"],
            "uco-core:hasFacet": [
                _facet(
                    self.ids,
                    image,
                    "FileFacet",
                    {
                        "uco-observable:fileName": item["label"],
                        "uco-observable:sizeInBytes": {
                            "@type": "xsd:integer",
                            "@value": str(item["size"] or 0),
                        },
                    },
                ),
                _facet(
                    self.ids,
                    image,
                    "ContentDataFacet",
                    {"uco-observable:hash": _hashes(self.ids, image, item)},
                ),
            ],
        }
        for row in self.catalogue.files(item["id"]):
            if not row["sha256"]:
                continue
            file_id = self.ids("file", f"{item['id']}:{row['volume_idx']}:{row['ordinal']}")
            content: dict[str, Any] = {"uco-observable:hash": _hashes(self.ids, file_id, row)}
            if row["mime"]:
                content["uco-observable:mimeType"] = row["mime"]
            yield {
                "@id": file_id,
                "@type": "uco-observable:ObservableObject",
                "uco-core:hasFacet": [
                    _facet(
                        self.ids,
                        file_id,
                        "FileFacet",
                        {
                            "uco-observable:fileName": row["name"],
                            "uco-observable:filePath": row["path"],
                            "uco-observable:isDirectory": False,
                            "uco-observable:sizeInBytes": {
                                "@type": "xsd:integer",
                                "@value": str(row["size"]),
                            },
                        },
                    ),
                    _facet(self.ids, file_id, "ContentDataFacet", content),
                ],
            }

    # actions ------------------------------------------------------------------------------------
    def _actions(self) -> Iterator[dict[str, Any]]:
        for event in self.events:
            if event.action.startswith(PREFIX) or event.action in ("import_finished", "verified"):
                yield self._action(event)

    def _action(self, event: Event) -> dict[str, Any]:
        exhibit = event.details.get("exhibit")
        objects = [_ref(self.ids("device", exhibit))] if exhibit else []
        if event.evidence_id is not None:
            objects.append(_ref(self.ids("image", event.evidence_id)))
        node: dict[str, Any] = {
            "@id": self.ids("action", event.seq),
            "@type": "case-investigation:InvestigativeAction",
            "uco-core:name": event.action,
            "uco-core:description": json.dumps(event.details, ensure_ascii=False, sort_keys=True),
            "uco-action:startTime": _time(str(event.details.get("occurred_at") or event.ts_utc)),
            "uco-action:performer": _ref(self.ids("identity", event.examiner)),
            "uco-action:instrument": [_ref(self.ids("tool", "haechi"))],
        }
        if objects:
            node["uco-action:object"] = objects
        if exhibit:
            node["uco-action:result"] = [_ref(self.ids("provenance", exhibit))]
        return node

    def _investigation(self) -> dict[str, Any]:
        authorities = sorted(
            {
                str(e.details["authority"])
                for e in self.events
                if e.action.startswith(PREFIX)
                and e.details.get("authority")
                and e.action in (PREFIX + "seized", PREFIX + "received")
            }
        )
        exhibits = sorted(replay(self.events))
        return {
            "@id": self.ids("investigation", "case"),
            "@type": "case-investigation:Investigation",
            "uco-core:name": self.info.get("number", ""),
            "uco-core:description": self.info.get("title", ""),
            "case-investigation:investigationForm": "case",
            "case-investigation:relevantAuthorization": [
                _ref(self.ids("authorization", a)) for a in authorities
            ],
            "uco-core:object": [_ref(self.ids("provenance", x)) for x in exhibits]
            + [
                _ref(self.ids("action", e.seq))
                for e in self.events
                if e.action.startswith(PREFIX) or e.action in ("import_finished", "verified")
            ],
        }

"""One source of truth for validation: the source checks and the SHACL shapes agree.

Each fixture pairs a bad source (one field of one entry changed) with what that source would mean in the
graph (the real dump, changed the same way). The source checks must refuse the first, naming file, record and
field; the shapes must refuse the second at the same entity. Every constraint of ontology/shapes.ttl is
covered by at least one fixture, so a build that runs the source checks on every record and SHACL on a
sample leaves no rule unchecked. The rules that only concern the files (TOML syntax, unknown fields, where
records live) have no graph to break and are tested in test_build.py.
"""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import rtoml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from xjgraph.errors import SourceErrors
from xjgraph.rdf import convert, namespaces, shacl
from xjgraph.sources import load
from xjgraph.sources.model import Entity

from .conftest import DUMP, ONTOLOGY, SOURCES

DELETE = object()
N = namespaces


def I(curie: str) -> URIRef:  # noqa: E743 - a short name for the many IRIs below
    return URIRef(namespaces.expand(curie))


def L(text: str, lang: str | None = None, dt: str | None = None) -> Literal:
    return Literal(text, lang=lang, datatype=URIRef(dt) if dt else None)


DATE = N.XSD.date

REC = "1949-10-14-ciphered-telegram-4159-filipov-stalin-kovalev"
HELD = "1934-07-27-letter-stalin-g-apresov-consul-general"  # with a holding, obtained and translated by
REPLY = "1934-07-27-letter-stalin-molotov-voroshilov-governor-sheng"  # replies to the next
ANSWERED = "1934-06-letter-governor-shicai-sheng-stalin-molotov"
TENURE = "peoples-commissar-internal-affairs/yezhov-1936"


@dataclass
class Fix:
    name: str
    kind: str  # the source table of the entity changed
    ident: str
    source: (
        list[tuple[str, Any]] | None
    )  # (field, new value or DELETE) on that entry; None: the conversion guarantees it
    words: str  # what the source error says
    graph: list[
        tuple[str, str, Any]
    ]  # (op, predicate CURIE, value) on the focus node: add, remove (value None: all), set
    report: tuple[str, str]  # (path CURIE or "", constraint component) expected at the focus
    covers: list[tuple[str, str, str]]  # (shape, path CURIE or "", component) of shapes.ttl this fixture breaks
    focus: str = ""  # the focus node's CURIE, when it is not the entity's own IRI
    extra_graph: list[tuple[str, str, str, Any]] = field(default_factory=list)  # subject CURIE, op, predicate, value


CAT = load(SOURCES)
_USED: dict[str, int] = {}


def pick(kind: str, need: str | None = None) -> str:
    """The next entity of ``kind`` (with a value for ``need``), so that fixtures spread over many entities
    and can be checked together, one focus node each."""
    if kind == "tenure":
        pool = sorted(t.id for t in CAT.tenures if t.id != TENURE and (need is None or t.get(need)))
    else:
        pool = sorted(i for i, e in CAT[kind].items() if need is None or e.get(need))
    key = f"{kind}:{need}"
    n = _USED[key] = _USED.get(key, -1) + 1
    return pool[n % len(pool)]


# fmt: off
F: list[Fix] = []
def fix(*args, **kwargs) -> None:
    F.append(Fix(*args, **kwargs))
R = 'RecordShape'
fix('title missing', 'record', pick('record'), [('title', DELETE)], 'missing', [('remove', 'dcterms:title', None)], ('dcterms:title', 'MinCountConstraintComponent'), [(R, 'dcterms:title', 'MinCountConstraintComponent')])
fix('two titles', 'record', pick('record'), [('title', ['One', 'Two'])], 'a string', [('add', 'dcterms:title', L('Two'))], ('dcterms:title', 'MaxCountConstraintComponent'), [(R, 'dcterms:title', 'MaxCountConstraintComponent')])
fix('title a number', 'record', pick('record'), [('title', 5)], 'a string', [('set', 'dcterms:title', L('5', dt=N.XSD.integer))], ('dcterms:title', 'DatatypeConstraintComponent'), [(R, 'dcterms:title', 'DatatypeConstraintComponent')])
fix('title empty', 'record', pick('record'), [('title', '')], 'empty', [('set', 'dcterms:title', L(''))], ('dcterms:title', 'MinLengthConstraintComponent'), [(R, 'dcterms:title', 'MinLengthConstraintComponent')])
fix('title of spaces', 'record', pick('record'), [('title', '   ')], 'white space', [('set', 'dcterms:title', L('   '))], ('dcterms:title', 'NodeConstraintComponent'), [(R, 'dcterms:title', 'NodeConstraintComponent'), ('TextShape', '', 'PatternConstraintComponent#1')])
fix('title padded', 'record', pick('record'), [('title', 'Ciphered Telegram ')], 'white space', [('set', 'dcterms:title', L('Ciphered Telegram '))], ('dcterms:title', 'NodeConstraintComponent'), [('TextShape', '', 'PatternConstraintComponent#1')])
fix('title with a bell', 'record', pick('record'), [('title', 'Ciphered\x07 Telegram')], 'control character', [('set', 'dcterms:title', L('Ciphered\x07 Telegram'))], ('dcterms:title', 'NodeConstraintComponent'), [('TextShape', '', 'PatternConstraintComponent#2')])
fix('date missing', 'record', pick('record'), [('date', DELETE)], 'missing', [('remove', 'dcterms:date', None)], ('dcterms:date', 'MinCountConstraintComponent'), [(R, 'dcterms:date', 'MinCountConstraintComponent')])
fix('two dates', 'record', pick('record'), [('date', ['1949', '1950'])], 'a string', [('add', 'dcterms:date', L('1950'))], ('dcterms:date', 'MaxCountConstraintComponent'), [(R, 'dcterms:date', 'MaxCountConstraintComponent')])
fix('date a number', 'record', pick('record'), [('date', 1949)], 'a string', [('set', 'dcterms:date', L('1949', dt=N.XSD.integer))], ('dcterms:date', 'DatatypeConstraintComponent'), [(R, 'dcterms:date', 'DatatypeConstraintComponent')])
fix('date not EDTF', 'record', pick('record'), [('date', '14 Oct 1949')], 'EDTF', [('set', 'dcterms:date', L('14 Oct 1949'))], ('dcterms:date', 'PatternConstraintComponent'), [(R, 'dcterms:date', 'PatternConstraintComponent')])
fix('no bounds without a date', 'record', pick('record'), [('date', DELETE)], 'missing', [('remove', 'xj:earliestDate', None), ('remove', 'xj:latestDate', None)], ('xj:earliestDate', 'MinCountConstraintComponent'), [(R, 'xj:earliestDate', 'MinCountConstraintComponent'), (R, 'xj:latestDate', 'MinCountConstraintComponent')])
fix('two earliest dates', 'record', pick('record'), [('date', ['1949-10', '1949-11'])], 'a string', [('add', 'xj:earliestDate', L('1949-10-01', dt=DATE)), ('add', 'xj:latestDate', L('1949-10-31', dt=DATE))], ('xj:earliestDate', 'MaxCountConstraintComponent'), [(R, 'xj:earliestDate', 'MaxCountConstraintComponent'), (R, 'xj:latestDate', 'MaxCountConstraintComponent')])
fix('year 0', 'record', pick('record'), [('date', '0000')], 'no year 0', [('set', 'xj:earliestDate', L('0000-01-01', dt=DATE)), ('set', 'xj:latestDate', L('0000-12-31', dt=DATE))], ('xj:earliestDate', 'DatatypeConstraintComponent'), [(R, 'xj:earliestDate', 'DatatypeConstraintComponent'), (R, 'xj:latestDate', 'DatatypeConstraintComponent')])
fix('date ends before it starts', 'record', pick('record'), [('date', '1949-10-14/1949-10-01')], 'ends before it starts', [('set', 'xj:latestDate', L('1900-01-01', dt=DATE))], ('xj:earliestDate', 'LessThanOrEqualsConstraintComponent'), [(R, 'xj:earliestDate', 'LessThanOrEqualsConstraintComponent')])
fix('kind missing', 'record', pick('record'), [('kind', DELETE)], 'missing', [('remove', 'rico:hasDocumentaryFormType', None)], ('rico:hasDocumentaryFormType', 'MinCountConstraintComponent'), [(R, 'rico:hasDocumentaryFormType', 'MinCountConstraintComponent')])
fix('two kinds', 'record', pick('record'), [('kind', ['letter', 'cable'])], 'a string', [('add', 'rico:hasDocumentaryFormType', I('kind:cable'))], ('rico:hasDocumentaryFormType', 'MaxCountConstraintComponent'), [(R, 'rico:hasDocumentaryFormType', 'MaxCountConstraintComponent')])
fix('unknown kind', 'record', pick('record'), [('kind', 'telegramme')], 'one of', [('set', 'rico:hasDocumentaryFormType', I('kind:telegramme'))], ('rico:hasDocumentaryFormType', 'ClassConstraintComponent'), [(R, 'rico:hasDocumentaryFormType', 'ClassConstraintComponent')])
fix('listing flag missing', 'record', pick('record'), [('listed', DELETE)], 'missing', [('remove', 'xj:inCollectionListing', None)], ('xj:inCollectionListing', 'MinCountConstraintComponent'), [(R, 'xj:inCollectionListing', 'MinCountConstraintComponent')])
fix('two listing flags', 'record', pick('record'), [('listed', [True, False])], 'true or false', [('add', 'xj:inCollectionListing', L('true', dt=N.XSD.boolean)), ('add', 'xj:inCollectionListing', L('false', dt=N.XSD.boolean))], ('xj:inCollectionListing', 'MaxCountConstraintComponent'), [(R, 'xj:inCollectionListing', 'MaxCountConstraintComponent')])
fix('listing flag a word', 'record', pick('record'), [('listed', 'yes')], 'true or false', [('set', 'xj:inCollectionListing', L('yes'))], ('xj:inCollectionListing', 'DatatypeConstraintComponent'), [(R, 'xj:inCollectionListing', 'DatatypeConstraintComponent')])
ARCHIVE = 'https://digitalarchive.wilsoncenter.org/document/'
fix('two pages', 'record', pick('record', 'url'), [('url', [ARCHIVE + '1', ARCHIVE + '2'])], 'a string', [('add', 'schema:url', URIRef(ARCHIVE + '2'))], ('schema:url', 'MaxCountConstraintComponent'), [(R, 'schema:url', 'MaxCountConstraintComponent')])
fix('page a number', 'record', pick('record'), [('url', 121852)], 'a string', [('set', 'schema:url', L(ARCHIVE + '121852'))], ('schema:url', 'NodeKindConstraintComponent'), [(R, 'schema:url', 'NodeKindConstraintComponent')])
fix('page elsewhere', 'record', pick('record'), [('url', 'https://example.org/document/1')], 'Digital Archive page', [('set', 'schema:url', URIRef('https://example.org/document/1'))], ('schema:url', 'PatternConstraintComponent'), [(R, 'schema:url', 'PatternConstraintComponent')])
fix('page a path step', 'record', pick('record'), [('url', ARCHIVE + '..')], 'Digital Archive page', [('set', 'schema:url', URIRef(ARCHIVE + '..'))], ('schema:url', 'PatternConstraintComponent'), [])
fix('further page a number', 'record', pick('record'), [('other_urls', [5])], 'canonical Digital Archive pages', [('add', 'schema:sameAs', L(ARCHIVE + '5'))], ('schema:sameAs', 'NodeKindConstraintComponent'), [(R, 'schema:sameAs', 'NodeKindConstraintComponent')])
fix('further page elsewhere', 'record', pick('record'), [('other_urls', ['https://example.org/x'])], 'canonical', [('add', 'schema:sameAs', URIRef('https://example.org/x'))], ('schema:sameAs', 'PatternConstraintComponent'), [(R, 'schema:sameAs', 'PatternConstraintComponent')])
for field_name, prop in (('senders', 'schema:sender'), ('recipients', 'schema:recipient'), ('cc', 'schema:ccRecipient'), ('via', 'xj:intermediary'), ('participants', 'xj:participant')):
    fix(f'a place in {field_name}', 'record', pick('record'), [(field_name, ['moscow'])], "'moscow' is a place", [('add', prop, I('place:moscow'))], (prop, 'NodeConstraintComponent'), [(R, prop, 'NodeConstraintComponent'), ('AgentShape', '', 'OrConstraintComponent')])
for field_name, prop in (('obtained_by', 'xj:obtainedBy'), ('translated_by', 'xj:translatedBy')):
    fix(f'a place in {field_name}', 'record', pick('record', 'holding'), [(field_name, ['moscow'])], "'moscow' is a place", [('add', prop, I('place:moscow'))], (prop, 'ClassConstraintComponent'), [(R, prop, 'ClassConstraintComponent')])
fix('a record in about', 'record', pick('record'), [('about', [ANSWERED])], 'is a record', [('add', 'schema:about', I('record:' + ANSWERED))], ('schema:about', 'NodeConstraintComponent'), [(R, 'schema:about', 'NodeConstraintComponent'), ('ConcernShape', '', 'OrConstraintComponent')])
fix('a record in mentions', 'record', pick('record'), [('mentions', [ANSWERED])], 'is a record', [('add', 'schema:mentions', I('record:' + ANSWERED))], ('schema:mentions', 'NodeConstraintComponent'), [(R, 'schema:mentions', 'NodeConstraintComponent')])
fix('two descriptions', 'record', pick('record'), [('description', ['One.', 'Two.'])], 'own words', [('add', 'dcterms:abstract', L('A second description.', lang='en'))], ('dcterms:abstract', 'MaxCountConstraintComponent'), [(R, 'dcterms:abstract', 'MaxCountConstraintComponent')])
fix('description a number', 'record', pick('record'), [('description', 5)], 'own words', [('set', 'dcterms:abstract', L('5', dt=N.XSD.integer))], ('dcterms:abstract', 'DatatypeConstraintComponent'), [(R, 'dcterms:abstract', 'DatatypeConstraintComponent')])
fix('description not English', 'record', pick('record'), None, 'the conversion tags every description @en', [('set', 'dcterms:abstract', L('Письмо.', lang='ru'))], ('dcterms:abstract', 'LanguageInConstraintComponent'), [(R, 'dcterms:abstract', 'LanguageInConstraintComponent')])
fix('a person as place of writing', 'record', pick('record'), [('from_place', 'stalin')], "'stalin' is a person", [('set', 'schema:locationCreated', I('person:stalin'))], ('schema:locationCreated', 'ClassConstraintComponent'), [(R, 'schema:locationCreated', 'ClassConstraintComponent')])
fix('two places of writing', 'record', pick('record', 'from_place'), [('from_place', ['moscow', 'urumqi'])], 'a string', [('add', 'schema:locationCreated', I('place:washington'))], ('schema:locationCreated', 'MaxCountConstraintComponent'), [(R, 'schema:locationCreated', 'MaxCountConstraintComponent')])
for field_name, prop in (('replies_to', 'xj:repliesTo'), ('forwards', 'xj:forwards')):
    fix(f'a person in {field_name}', 'record', pick('record'), [(field_name, ['stalin'])], 'an entity of another kind', [('add', prop, I('person:stalin'))], (prop, 'ClassConstraintComponent'), [(R, prop, 'ClassConstraintComponent')])
fix('holding not a table', 'record', pick('record', 'holding'), [('holding', 'RGASPI f. 558')], 'a table', [('add', 'rico:hasOrHadInstantiation', I('place:moscow'))], ('rico:hasOrHadInstantiation', 'ClassConstraintComponent'), [(R, 'rico:hasOrHadInstantiation', 'ClassConstraintComponent')])
fix('two holdings', 'record', pick('record', 'holding'), [('holding', [{'archive': 'rgaspi'}, {'archive': 'aprf'}])], 'a table', [('add', 'rico:hasOrHadInstantiation', I('holding:' + REC))], ('rico:hasOrHadInstantiation', 'MaxCountConstraintComponent'), [(R, 'rico:hasOrHadInstantiation', 'MaxCountConstraintComponent')], extra_graph=[('holding:' + REC, 'add', 'rdf:type', I('xj:ArchivalHolding'))])
fix('answers a later record', 'record', ANSWERED, [('replies_to', [REPLY])], 'dated after this record', [('add', 'xj:repliesTo', I('record:' + REPLY))], ('', 'SPARQLConstraintComponent'), [('EarlierRecordRule', '', 'SPARQLConstraintComponent')])
fix('replies round in a circle', 'record', ANSWERED, [('replies_to', [REPLY]), ('date', '1934-07-27')], 'is a cycle', [('add', 'xj:repliesTo', I('record:' + REPLY)), ('set', 'xj:earliestDate', L('1934-07-27', dt=DATE)), ('set', 'xj:latestDate', L('1934-07-27', dt=DATE))], ('', 'SPARQLConstraintComponent'), [('ReplyCycleRule', '', 'SPARQLConstraintComponent')])
fix('message with nobody', 'record', pick('record', 'senders'), None, 'the conversion types a record as a message only when it has a party', [('remove', 'schema:sender', None), ('remove', 'schema:recipient', None)], ('', 'OrConstraintComponent'), [('CorrespondenceShape', '', 'OrConstraintComponent')])
H = 'HoldingShape'
for field_name, value, words, op, graph_value, component in (('archive', DELETE, 'missing', 'remove', None, 'MinCountConstraintComponent'), ('archive', ['rgaspi', 'aprf'], 'a string', 'add', I('organisation:aprf'), 'MaxCountConstraintComponent'), ('archive', 'nkvd', 'not an archive', 'set', I('organisation:nkvd'), 'ClassConstraintComponent')):
    fix(f'holding archive {component}', 'record', pick('record', 'holding'), [(f'holding.{field_name}', value)], words, [(op, 'rico:hasOrHadHolder', graph_value)], ('rico:hasOrHadHolder', component), [(H, 'rico:hasOrHadHolder', component)], focus='holding:{id}')
for value, words, op, graph_value, component in ((DELETE, 'missing', 'remove', None, 'MinCountConstraintComponent'), (['f. 1', 'f. 2'], 'a string', 'add', L('f. 2'), 'MaxCountConstraintComponent'), (17, 'a string', 'set', L('17', dt=N.XSD.integer), 'DatatypeConstraintComponent'), (' f. 558', 'white space', 'set', L(' f. 558'), 'NodeConstraintComponent')):
    fix(f'holding reference {component}', 'record', pick('record', 'holding'), [('holding.reference', value)], words, [(op, 'rico:identifier', graph_value)], ('rico:identifier', component), [(H, 'rico:identifier', component)], focus='holding:{id}')
LB = 'LabelledShape'
fix('name missing', 'person', pick('person'), [('name', DELETE)], 'missing', [('remove', 'skos:prefLabel', None)], ('skos:prefLabel', 'MinCountConstraintComponent'), [(LB, 'skos:prefLabel', 'MinCountConstraintComponent')])
fix('a language twice', 'person', 'stalin', [('labels', {'ru': 'Сталин', 'RU': 'Коба'})], 'given twice', [('add', 'skos:prefLabel', L('Коба', lang='ru'))], ('skos:prefLabel', 'UniqueLangConstraintComponent'), [(LB, 'skos:prefLabel', 'UniqueLangConstraintComponent')])
fix('English in labels', 'person', pick('person'), [('labels', {'en': 'J. Stalin'})], 'labels.en', [('add', 'skos:prefLabel', L('J. Stalin', lang='en'))], ('skos:prefLabel', 'UniqueLangConstraintComponent'), [])
fix('duplicate id', 'place', 'kashgar', [('id', 'urumqi')], 'already defined', [('add', 'skos:prefLabel', L('Kashgar', lang='en'))], ('skos:prefLabel', 'UniqueLangConstraintComponent'), [], focus='place:urumqi')
fix('name a number', 'person', pick('person'), [('name', 5)], 'the preferred English name', [('add', 'skos:prefLabel', L('Stalin'))], ('skos:prefLabel', 'DatatypeConstraintComponent'), [(LB, 'skos:prefLabel', 'DatatypeConstraintComponent')])
fix('label padded', 'person', pick('person'), [('labels', {'ru': 'Сталин '})], 'white space', [('add', 'skos:prefLabel', L('Сталин ', lang='de'))], ('skos:prefLabel', 'NodeConstraintComponent'), [(LB, 'skos:prefLabel', 'NodeConstraintComponent')])
fix('no English name', 'person', 'stalin', [('name', DELETE)], 'missing', [('remove_lang', 'skos:prefLabel', 'en')], ('skos:prefLabel', 'QualifiedMinCountConstraintComponent'), [(LB, 'skos:prefLabel', 'QualifiedMinCountConstraintComponent')])
fix('variant a number', 'person', pick('person'), [('variants', [5])], 'a list of strings', [('add', 'skos:altLabel', L('Koba'))], ('skos:altLabel', 'DatatypeConstraintComponent'), [(LB, 'skos:altLabel', 'DatatypeConstraintComponent')])
fix('variant padded', 'person', pick('person'), [('variants', [' Koba'])], 'white space', [('add', 'skos:altLabel', L(' Koba', lang='en'))], ('skos:altLabel', 'NodeConstraintComponent'), [(LB, 'skos:altLabel', 'NodeConstraintComponent')])
fix('name key from a number', 'person', pick('person'), [('name', 5)], 'the preferred English name', [('add', 'xj:nameKey', L('koba', lang='en'))], ('xj:nameKey', 'DatatypeConstraintComponent'), [(LB, 'xj:nameKey', 'DatatypeConstraintComponent')])
fix('name key from a blank name', 'person', pick('person'), [('name', ' ')], 'white space', [('add', 'xj:nameKey', L(' '))], ('xj:nameKey', 'PatternConstraintComponent'), [(LB, 'xj:nameKey', 'PatternConstraintComponent')])
fix('language tag en-x', 'person', pick('person'), [('labels', {'en-x': 'H X'})], 'BCP 47', [('add', 'skos:prefLabel', L('H X', lang='en-x'))], ('', 'SPARQLConstraintComponent'), [('LanguageTagRule', '', 'SPARQLConstraintComponent')])
fix('no side', 'person', pick('person'), [('side', DELETE)], 'missing', [('remove', 'xj:side', None)], ('xj:side', 'MinCountConstraintComponent'), [('AgentSideShape', 'xj:side', 'MinCountConstraintComponent')])
fix('a person as side', 'person', pick('person'), [('side', ['molotov'])], "'molotov' is a person", [('add', 'xj:side', I('person:molotov'))], ('xj:side', 'ClassConstraintComponent'), [('AgentSideShape', 'xj:side', 'ClassConstraintComponent')])
P = 'PersonShape'
for field_name, prop in (('born', 'xj:birthDate'), ('died', 'xj:deathDate')):
    fix(f'two {field_name}', 'person', pick('person', field_name), [(field_name, ['1878', '1879'])], 'a string', [('add', prop, L('1879'))], (prop, 'MaxCountConstraintComponent'), [(P, prop, 'MaxCountConstraintComponent')])
    fix(f'{field_name} a number', 'person', pick('person'), [(field_name, 1878)], 'a string', [('set', prop, L('1878', dt=N.XSD.integer))], (prop, 'DatatypeConstraintComponent'), [(P, prop, 'DatatypeConstraintComponent')])
    fix(f'{field_name} uncertain', 'person', pick('person'), [(field_name, '1897?')], 'known digits', [('set', prop, L('1897?'))], (prop, 'PatternConstraintComponent'), [(P, prop, 'PatternConstraintComponent')])
fix('holds a place', 'tenure', TENURE, [('office', 'moscow')], "'moscow' is a place", [('add', 'org:holds', I('place:moscow'))], ('org:holds', 'ClassConstraintComponent'), [(P, 'org:holds', 'ClassConstraintComponent')], focus='person:yezhov')
fix('member of a place', 'person', 'baranov', [('member_of', ['moscow'])], "'moscow' is a place", [('add', 'schema:memberOf', I('place:moscow'))], ('schema:memberOf', 'ClassConstraintComponent'), [(P, 'schema:memberOf', 'ClassConstraintComponent')])
ORG = 'OrganizationShape'
fix('part of two', 'organisation', 'vkpb-cc', [('part_of', ['vkpb', 'nkvd'])], 'a string', [('add', 'org:subOrganizationOf', I('organisation:nkvd'))], ('org:subOrganizationOf', 'MaxCountConstraintComponent'), [(ORG, 'org:subOrganizationOf', 'MaxCountConstraintComponent')])
fix('part of a place', 'organisation', 'vkpb-cc', [('part_of', 'moscow')], "'moscow' is a place", [('set', 'org:subOrganizationOf', I('place:moscow'))], ('org:subOrganizationOf', 'ClassConstraintComponent'), [(ORG, 'org:subOrganizationOf', 'ClassConstraintComponent')])
fix('part of itself', 'organisation', 'vkpb-cc', [('part_of', 'vkpb-cc')], 'is a cycle', [('set', 'org:subOrganizationOf', I('organisation:vkpb-cc'))], ('', 'SPARQLConstraintComponent'), [('PartOfItselfRule', '', 'SPARQLConstraintComponent')])
fix('located in two', 'organisation', 'vkpb', [('located_in', ['moscow', 'urumqi'])], 'a string', [('add', 'schema:location', I('place:urumqi'))], ('schema:location', 'MaxCountConstraintComponent'), [(ORG, 'schema:location', 'MaxCountConstraintComponent')])
fix('located in a person', 'organisation', 'vkpb', [('located_in', 'stalin')], "'stalin' is a person", [('set', 'schema:location', I('person:stalin'))], ('schema:location', 'ClassConstraintComponent'), [(ORG, 'schema:location', 'ClassConstraintComponent')])
PL = 'PlaceShape'
for field_name, prop, limit in (('lat', 'geo:lat', 90), ('long', 'geo:long', 180)):
    fix(f'two {field_name}', 'place', pick('place', 'lat'), [(field_name, [1, 2])], 'decimal degrees', [('add', prop, L('1.0', dt=N.XSD.decimal))], (prop, 'MaxCountConstraintComponent'), [(PL, prop, 'MaxCountConstraintComponent')])
    fix(f'{field_name} a word', 'place', pick('place', 'lat'), [(field_name, '43.8')], 'decimal degrees', [('set', prop, L('43.8', dt=N.XSD.double))], (prop, 'DatatypeConstraintComponent'), [(PL, prop, 'DatatypeConstraintComponent')])
    fix(f'{field_name} too small', 'place', pick('place', 'lat'), [(field_name, -limit - 10)], 'decimal degrees', [('set', prop, L(f'-{limit + 10}.0', dt=N.XSD.decimal))], (prop, 'MinInclusiveConstraintComponent'), [(PL, prop, 'MinInclusiveConstraintComponent')])
    fix(f'{field_name} too large', 'place', pick('place', 'lat'), [(field_name, limit + 10)], 'decimal degrees', [('set', prop, L(f'{limit + 10}.0', dt=N.XSD.decimal))], (prop, 'MaxInclusiveConstraintComponent'), [(PL, prop, 'MaxInclusiveConstraintComponent')])
fix('inside two', 'place', pick('place', 'within'), [('within', ['xinjiang', 'china'])], 'a string', [('add', 'schema:containedInPlace', I('place:china'))], ('schema:containedInPlace', 'MaxCountConstraintComponent'), [(PL, 'schema:containedInPlace', 'MaxCountConstraintComponent')])
fix('inside a person', 'place', pick('place'), [('within', 'stalin')], "'stalin' is a person", [('set', 'schema:containedInPlace', I('person:stalin'))], ('schema:containedInPlace', 'ClassConstraintComponent'), [(PL, 'schema:containedInPlace', 'ClassConstraintComponent')])
fix('inside itself', 'place', 'xinjiang', [('within', 'urumqi')], 'is a cycle', [('set', 'schema:containedInPlace', I('place:urumqi'))], ('', 'SPARQLConstraintComponent'), [('InsideItselfRule', '', 'SPARQLConstraintComponent')])
fix('latitude without longitude', 'place', pick('place', 'lat'), [('long', DELETE), ('evidence', DELETE)], 'both lat and long', [('remove', 'geo:long', None)], ('', 'SPARQLConstraintComponent'), [('CoordinatesRule', '', 'SPARQLConstraintComponent')])
E = 'EventShape'
EV = 'ili-rebellion'
fix('event date missing', 'event', pick('event'), [('date', DELETE)], 'missing', [('remove', 'dcterms:date', None), ('remove', 'xj:earliestDate', None), ('remove', 'xj:latestDate', None)], ('dcterms:date', 'MinCountConstraintComponent'), [(E, 'dcterms:date', 'MinCountConstraintComponent'), (E, 'xj:earliestDate', 'MinCountConstraintComponent'), (E, 'xj:latestDate', 'MinCountConstraintComponent')])
fix('event two dates', 'event', pick('event'), [('date', ['1944', '1945'])], 'a string', [('add', 'dcterms:date', L('1945')), ('add', 'xj:earliestDate', L('1945-01-01', dt=DATE)), ('add', 'xj:latestDate', L('1945-12-31', dt=DATE))], ('dcterms:date', 'MaxCountConstraintComponent'), [(E, 'dcterms:date', 'MaxCountConstraintComponent'), (E, 'xj:earliestDate', 'MaxCountConstraintComponent'), (E, 'xj:latestDate', 'MaxCountConstraintComponent')])
fix('event date a number', 'event', pick('event'), [('date', 1944)], 'a string', [('set', 'dcterms:date', L('1944', dt=N.XSD.integer))], ('dcterms:date', 'DatatypeConstraintComponent'), [(E, 'dcterms:date', 'DatatypeConstraintComponent')])
fix('event date not EDTF', 'event', pick('event'), [('date', 'autumn 1944')], 'EDTF', [('set', 'dcterms:date', L('autumn 1944'))], ('dcterms:date', 'PatternConstraintComponent'), [(E, 'dcterms:date', 'PatternConstraintComponent')])
fix('event year 0', 'event', pick('event'), [('date', '0000')], 'no year 0', [('set', 'xj:earliestDate', L('0000-01-01', dt=DATE)), ('set', 'xj:latestDate', L('0000-12-31', dt=DATE))], ('xj:earliestDate', 'DatatypeConstraintComponent'), [(E, 'xj:earliestDate', 'DatatypeConstraintComponent'), (E, 'xj:latestDate', 'DatatypeConstraintComponent')])
fix('event ends before it starts', 'event', pick('event'), [('date', '1945/1944')], 'ends before it starts', [('set', 'xj:latestDate', L('1930-01-01', dt=DATE))], ('xj:earliestDate', 'LessThanOrEqualsConstraintComponent'), [(E, 'xj:earliestDate', 'LessThanOrEqualsConstraintComponent')])
fix('event at a person', 'event', pick('event'), [('places', ['stalin'])], "'stalin' is a person", [('add', 'schema:location', I('person:stalin'))], ('schema:location', 'ClassConstraintComponent'), [(E, 'schema:location', 'ClassConstraintComponent')])
OF = 'OfficeShape'
OFFICE = 'governor-of-xinjiang'
fix('office of nobody', 'office', pick('office'), [('organisation', DELETE)], 'missing', [('remove', 'org:postIn', None)], ('org:postIn', 'MinCountConstraintComponent'), [(OF, 'org:postIn', 'MinCountConstraintComponent')])
fix('office of two', 'office', pick('office'), [('organisation', ['xinjiang-government', 'nkvd'])], 'a string', [('add', 'org:postIn', I('organisation:nkvd'))], ('org:postIn', 'MaxCountConstraintComponent'), [(OF, 'org:postIn', 'MaxCountConstraintComponent')])
fix('office of a place', 'office', pick('office'), [('organisation', 'moscow')], "'moscow' is a place", [('set', 'org:postIn', I('place:moscow'))], ('org:postIn', 'ClassConstraintComponent'), [(OF, 'org:postIn', 'ClassConstraintComponent')])
fix('office in two places', 'office', pick('office', 'place'), [('place', ['urumqi', 'moscow'])], 'a string', [('add', 'schema:location', I('place:moscow'))], ('schema:location', 'MaxCountConstraintComponent'), [(OF, 'schema:location', 'MaxCountConstraintComponent')])
fix('office in a person', 'office', pick('office'), [('place', 'stalin')], "'stalin' is a person", [('set', 'schema:location', I('person:stalin'))], ('schema:location', 'ClassConstraintComponent'), [(OF, 'schema:location', 'ClassConstraintComponent')])
T = 'TenureShape'
TF = 'tenure:' + TENURE
for field_name, prop, other, klass_words in (('office', 'xj:office', I('office:governor-of-xinjiang'), "'moscow' is a place"), ('holder', 'xj:holder', I('person:beria'), "'moscow' is a place")):
    fix(f'tenure {field_name} missing', 'tenure', pick('tenure'), [(field_name, DELETE)], 'missing', [('remove', prop, None)], (prop, 'MinCountConstraintComponent'), [(T, prop, 'MinCountConstraintComponent')], focus='tenure:{id}')
    fix(f'tenure two {field_name}s', 'tenure', pick('tenure'), [(field_name, ['a', 'b'])], 'a string', [('add', prop, other)], (prop, 'MaxCountConstraintComponent'), [(T, prop, 'MaxCountConstraintComponent')], focus='tenure:{id}')
    fix(f'tenure {field_name} a place', 'tenure', pick('tenure'), [(field_name, 'moscow')], klass_words, [('set', prop, I('place:moscow'))], (prop, 'ClassConstraintComponent'), [(T, prop, 'ClassConstraintComponent')], focus='tenure:{id}')
fix('tenure without a start', 'tenure', pick('tenure'), [('start', DELETE)], 'missing', [('remove', 'dcterms:date', None), ('remove', 'schema:startDate', None)], ('dcterms:date', 'MinCountConstraintComponent'), [(T, 'dcterms:date', 'MinCountConstraintComponent'), (T, 'schema:startDate', 'MinCountConstraintComponent')], focus='tenure:{id}')
fix('tenure two starts', 'tenure', pick('tenure'), [('start', ['1936', '1937'])], 'a string', [('add', 'dcterms:date', L('1937/1938')), ('add', 'schema:startDate', L('1937-01-01', dt=DATE))], ('dcterms:date', 'MaxCountConstraintComponent'), [(T, 'dcterms:date', 'MaxCountConstraintComponent'), (T, 'schema:startDate', 'MaxCountConstraintComponent')], focus='tenure:{id}')
fix('tenure start a number', 'tenure', pick('tenure'), [('start', 1936)], 'a string', [('set', 'dcterms:date', L('1936', dt=N.XSD.integer))], ('dcterms:date', 'DatatypeConstraintComponent'), [(T, 'dcterms:date', 'DatatypeConstraintComponent')], focus='tenure:{id}')
fix('tenure start year 0', 'tenure', pick('tenure'), [('start', '0000')], 'no year 0', [('set', 'schema:startDate', L('0000-01-01', dt=DATE))], ('schema:startDate', 'DatatypeConstraintComponent'), [(T, 'schema:startDate', 'DatatypeConstraintComponent')], focus='tenure:{id}')
fix('tenure ends before it starts', 'tenure', pick('tenure'), [('end', '1900')], 'is before', [('set', 'schema:endDate', L('1900-12-31', dt=DATE))], ('schema:startDate', 'LessThanOrEqualsConstraintComponent'), [(T, 'schema:startDate', 'LessThanOrEqualsConstraintComponent')], focus='tenure:{id}')
fix('tenure two ends', 'tenure', pick('tenure'), [('end', ['1938', '1939'])], 'a string', [('add', 'schema:endDate', L('1939-12-31', dt=DATE))], ('schema:endDate', 'MaxCountConstraintComponent'), [(T, 'schema:endDate', 'MaxCountConstraintComponent')], focus='tenure:{id}')
fix('tenure end year 0', 'tenure', pick('tenure'), [('end', '0000')], 'no year 0', [('set', 'schema:endDate', L('0000-12-31', dt=DATE))], ('schema:endDate', 'DatatypeConstraintComponent'), [(T, 'schema:endDate', 'DatatypeConstraintComponent')], focus='tenure:{id}')
fix('two holders at once', 'tenure', TENURE, [('start', '1935-01-01')], 'still holds', [('set', 'dcterms:date', L('1935-01-01/1938-11-25'))], ('', 'SPARQLConstraintComponent'), [('OneHolderRule', '', 'SPARQLConstraintComponent')], focus=TF)
AL, AM = 'AuthorityLinkShape', 'AuthorityMatchShape'
WD = 'http://www.wikidata.org/entity/'
STALIN_MATCH = 'person:stalin#match-wikidata-Q855'
EVIDENCE = ['https://example.org/evidence']
fix('link of an unknown scheme', 'person', pick('person'), [('match', [{'id': 'freebase:m01', 'evidence': EVIDENCE}])], 'the scheme must be one of', [('add', 'skos:exactMatch', URIRef('http://rdf.freebase.com/ns/m.01'))], ('skos:exactMatch', 'PatternConstraintComponent'), [(AL, 'skos:exactMatch', 'PatternConstraintComponent')])
fix('link a literal', 'person', pick('person'), None, 'the conversion writes links as IRIs', [('add', 'skos:exactMatch', L(WD + 'Q1'))], ('skos:exactMatch', 'NodeKindConstraintComponent'), [(AL, 'skos:exactMatch', 'NodeKindConstraintComponent')])
fix('close link of a bad id', 'place', pick('place'), [('match', [{'id': 'geonames:0', 'evidence': EVIDENCE, 'close': True}])], 'geonames needs digits', [('add', 'skos:closeMatch', URIRef('https://example.org/place/1'))], ('skos:closeMatch', 'PatternConstraintComponent'), [(AL, 'skos:closeMatch', 'PatternConstraintComponent')])
fix('article with a space', 'person', pick('person'), [('match', [{'id': 'wikipedia:Two words', 'evidence': EVIDENCE}])], 'a title with underscores', [('add', 'schema:sameAs', URIRef('https://example.org/wiki/X'))], ('schema:sameAs', 'PatternConstraintComponent'), [(AL, 'schema:sameAs', 'PatternConstraintComponent')])
fix('link without evidence', 'person', pick('person'), None, 'the conversion writes a statement for every link', [('add', 'skos:closeMatch', URIRef(WD + 'Q1'))], ('', 'SPARQLConstraintComponent'), [('LinkEvidenceRule', '', 'SPARQLConstraintComponent')])
fix('statement of nothing', 'person', 'stalin', None, 'the conversion names the entity', [('remove', 'xj:matchOf', None)], ('xj:matchOf', 'MinCountConstraintComponent'), [(AM, 'xj:matchOf', 'MinCountConstraintComponent')], focus=STALIN_MATCH, extra_graph=[('person:stalin', 'remove', 'skos:exactMatch', URIRef(WD + 'Q855'))])
fix('statement of two', 'person', 'stalin', None, 'the conversion names one entity', [('add', 'xj:matchOf', I('person:molotov'))], ('xj:matchOf', 'MaxCountConstraintComponent'), [(AM, 'xj:matchOf', 'MaxCountConstraintComponent')], focus=STALIN_MATCH)
fix('statement without its target', 'person', 'stalin', None, 'the conversion names the target', [('remove', 'xj:matchTarget', None)], ('xj:matchTarget', 'MinCountConstraintComponent'), [(AM, 'xj:matchTarget', 'MinCountConstraintComponent')], focus=STALIN_MATCH, extra_graph=[('person:stalin', 'remove', 'skos:exactMatch', URIRef(WD + 'Q855'))])
fix('statement of another kind', 'person', 'stalin', None, 'the conversion writes exact, close or page', [('set', 'xj:matchKind', L('maybe'))], ('xj:matchKind', 'InConstraintComponent'), [(AM, 'xj:matchKind', 'InConstraintComponent')], focus=STALIN_MATCH)
fix('link with no evidence', 'person', 'stalin', [('match', [{'id': 'wikidata:Q855', 'evidence': []}])], 'the evidence', [('remove', 'dcterms:source', None)], ('dcterms:source', 'MinCountConstraintComponent'), [(AM, 'dcterms:source', 'MinCountConstraintComponent')], focus=STALIN_MATCH)
fix('evidence not on the web', 'person', 'stalin', [('match', [{'id': 'wikidata:Q855', 'evidence': ['ftp://example.org/x']}])], 'the evidence', [('set', 'dcterms:source', URIRef('ftp://example.org/x'))], ('dcterms:source', 'PatternConstraintComponent'), [(AM, 'dcterms:source', 'PatternConstraintComponent')], focus=STALIN_MATCH)
EV = 'EvidenceShape'
SHENG_BORN = 'person:sheng-shicai#evidence-born-1'
fix('evidence of nothing', 'person', 'sheng-shicai', None, 'the conversion names the entity', [('remove', 'xj:evidenceFor', None)], ('xj:evidenceFor', 'MinCountConstraintComponent'), [(EV, 'xj:evidenceFor', 'MinCountConstraintComponent')], focus=SHENG_BORN)
fix('evidence for two', 'person', 'sheng-shicai', None, 'the conversion names one entity', [('add', 'xj:evidenceFor', I('person:molotov'))], ('xj:evidenceFor', 'MaxCountConstraintComponent'), [(EV, 'xj:evidenceFor', 'MaxCountConstraintComponent')], focus=SHENG_BORN)
fix('evidence of no value', 'person', 'sheng-shicai', None, 'the conversion writes the value', [('remove', 'xj:evidenceValue', None)], ('xj:evidenceValue', 'MinCountConstraintComponent'), [(EV, 'xj:evidenceValue', 'MinCountConstraintComponent')], focus=SHENG_BORN)
fix('evidence of two values', 'person', 'sheng-shicai', None, 'the conversion writes one value', [('add', 'xj:evidenceValue', L('1896'))], ('xj:evidenceValue', 'MaxCountConstraintComponent'), [(EV, 'xj:evidenceValue', 'MaxCountConstraintComponent')], focus=SHENG_BORN)
fix('evidence from elsewhere', 'person', 'sheng-shicai', [('evidence', [{'field': 'born', 'sources': ['ftp://example.org/x']}])], 'sources must be http(s)', [('set', 'dcterms:source', URIRef('ftp://example.org/x'))], ('dcterms:source', 'PatternConstraintComponent'), [(EV, 'dcterms:source', 'PatternConstraintComponent')], focus=SHENG_BORN)
fix('evidence with no source', 'person', 'sheng-shicai', [('evidence', [{'field': 'born'}])], 'or say unverified = true', [('remove', 'dcterms:source', None)], ('', 'OrConstraintComponent'), [(EV, '', 'OrConstraintComponent')], focus=SHENG_BORN)
# fmt: on

FIXTURES = {f.name: f for f in F}
assert len(FIXTURES) == len(F), "fixture names are unique"


# ---------------------------------------------------------------- applying fixtures


def _entries(doc: dict, kind: str, ident: str) -> list[dict]:
    if kind == "tenure":
        office, _, rest = ident.partition("/")
        holder, year = rest.rsplit("-", 1)
        return [
            t
            for t in doc.get("tenure", [])
            if t.get("office") == office and t.get("holder") == holder and str(t.get("start", ""))[:4] == year
        ]
    return [e for e in doc.get(kind, []) if e.get("id") == ident]


def _set(entry: dict, name: str, value: Any) -> None:
    *parents, last = name.split(".")
    for p in parents:
        entry = entry[p]
    if value is DELETE:
        entry.pop(last, None)
    else:
        entry[last] = value


def break_sources(src: Path, kind: str, ident: str, edits: list[tuple[str, Any]]) -> Path:
    """Change one entry of a copy of the sources; return the file changed."""
    for path in sorted(src.rglob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        found = _entries(doc, kind, ident)
        if found:
            for name, value in edits:
                _set(found[0], name, value)
            path.write_text(rtoml.dumps(doc), encoding="utf-8")
            return path
    raise AssertionError(f"no {kind} {ident} in the sources")


def _focus(f: Fix) -> URIRef:
    return I(f.focus.format(id=f.ident)) if f.focus else URIRef(namespaces.iri(f.kind, f.ident))


def _apply(g: Graph, subject: URIRef, op: str, pred: str, value: Any) -> None:
    p = I(pred)
    if op == "remove_lang":  # every value in one language
        for o in list(g.objects(subject, p)):
            if getattr(o, "language", None) == value:
                g.remove((subject, p, o))
        return
    if op in ("remove", "set"):
        g.remove((subject, p, value if op == "remove" else None))
    if op in ("add", "set"):
        g.add((subject, p, value))


def break_graph(g: Graph, f: Fix) -> None:
    for op, pred, value in f.graph:
        _apply(g, _focus(f), op, pred, value)
    for subject, op, pred, value in f.extra_graph:
        _apply(g, I(subject), op, pred, value)


@pytest.fixture(scope="module")
def dump_graph():
    return Graph().parse(DUMP, format="turtle")


@pytest.fixture(scope="module")
def shapes():
    return shacl.shapes_graph(ONTOLOGY)


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("name", [f.name for f in F if f.source is not None])
def test_the_source_checks_refuse_the_fixture(tmp_path, name):
    f = FIXTURES[name]
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    path = break_sources(src, f.kind, f.ident, f.source)
    with pytest.raises(SourceErrors) as caught:
        load(src)
    errors = caught.value.errors
    wanted_field = f.source[0][0]
    mine = [
        e for e in errors if e.path == str(path) and e.field and e.field.split(".")[0] == wanted_field.split(".")[0]
    ]
    text = "\n".join(str(e) for e in errors)
    assert mine or "valid TOML" in text, f"no error names {path} and the field {wanted_field}:\n{text}"
    assert any(f.words in str(e) for e in mine or errors), f"expected {f.words!r} in:\n{text}"
    assert all(e.record for e in mine), text


def _batches(fixtures: list[Fix]) -> list[list[Fix]]:
    """Fixtures in groups whose nodes differ, so that one validation checks a whole group: a fixture changes
    only its own focus node (and its extra subjects), and is expected to break the shapes only there."""
    batches: list[tuple[set[str], list[Fix]]] = []
    for f in fixtures:
        nodes = {str(_focus(f))} | {str(I(s)) for s, *_ in f.extra_graph}
        for taken, batch in batches:
            if not nodes & taken:
                taken |= nodes
                batch.append(f)
                break
        else:
            batches.append((set(nodes), [f]))
    return [batch for _, batch in batches]


def test_the_shapes_refuse_every_fixture(dump_graph, shapes):
    """Each fixture breaks the shapes at its entity with the expected constraint."""
    assert shacl.violations(dump_graph, ONTOLOGY, shapes) == [], "the real dump conforms"
    missing = []
    batches = _batches(F)
    assert len(batches) < len(F) / 4, "fixtures spread over enough entities to be checked in few runs"
    for batch in batches:
        g = Graph()
        for t in dump_graph:
            g.add(t)
        for f in batch:
            break_graph(g, f)
        found = {(v.focus, v.path, v.component) for v in shacl.violations(g, ONTOLOGY, shapes)}
        for f in batch:
            want = (str(_focus(f)), str(I(f.report[0])) if f.report[0] else "", f.report[1])
            if want not in found:
                missing.append(f"{f.name}: expected {want}, got {sorted(v for v in found if v[0] == want[0])}")
    assert not missing, "\n".join(missing)


def test_each_fixture_alone_breaks_only_its_own_entity(dump_graph, shapes):
    """What the batches rely on, checked on a sample of fixtures: one fixture alone breaks the shapes at its
    focus node and nowhere else (its extra subjects aside)."""
    for f in F[::9]:
        g = Graph()
        for t in dump_graph:
            g.add(t)
        break_graph(g, f)
        foci = {v.focus for v in shacl.violations(g, ONTOLOGY, shapes)}
        allowed = {str(_focus(f))} | {str(I(s)) for s, *_ in f.extra_graph}
        # a value checked against a nested shape (sh:node) is reported as a focus node of its own
        allowed |= {str(v) for _, _, v in f.graph if isinstance(v, (URIRef, Literal))}
        # a rule across nodes is reported at every node of the broken pattern (both ends of a cycle)
        if f.report[1] != "SPARQLConstraintComponent":
            assert foci <= allowed, (f.name, foci - allowed)


def _constraints(shapes: Graph) -> set[tuple[str, str, str]]:
    """Every constraint of the shapes: (shape, path CURIE or "", component), as the fixtures name them."""
    params = {
        SH.minCount: "MinCount",
        SH.maxCount: "MaxCount",
        SH.datatype: "Datatype",
        SH.pattern: "Pattern",
        SH.minLength: "MinLength",
        SH["class"]: "Class",
        SH.node: "Node",
        SH.nodeKind: "NodeKind",
        SH.lessThanOrEquals: "LessThanOrEquals",
        SH.uniqueLang: "UniqueLang",
        SH.qualifiedMinCount: "QualifiedMinCount",
        SH.minInclusive: "MinInclusive",
        SH.maxInclusive: "MaxInclusive",
        SH["or"]: "Or",
        SH.sparql: "SPARQL",
        SH["in"]: "In",
        SH.languageIn: "LanguageIn",
    }
    out = set()
    base = str(namespaces.BASE) + "shapes#"
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        name = str(shape)[len(base) :]
        targets = [(shape, "")] + [
            (p, namespaces.curie(str(shapes.value(p, SH.path)))) for p in shapes.objects(shape, SH.property)
        ]
        for node, path in targets:
            for param, component in params.items():
                values = list(shapes.objects(node, param))
                if len(values) > 1:
                    out |= {(name, path, f"{component}ConstraintComponent#{i}") for i in range(1, len(values) + 1)}
                elif values:
                    out.add((name, path, f"{component}ConstraintComponent"))
    return out


def test_every_constraint_of_the_shapes_has_a_fixture(shapes):
    declared = _constraints(shapes)
    covered = {c for f in F for c in f.covers}
    assert covered - declared == set(), "fixtures name constraints the shapes do not have"
    assert declared - covered == set(), "constraints of ontology/shapes.ttl with no fixture"
    # TextShape's two patterns (#1, #2) each have their fixture: padded text and a control character
    assert len(list(shapes.objects(URIRef(namespaces.BASE + "shapes#TextShape"), SH.pattern))) == 2


def test_a_correspondence_record_with_nobody_is_not_a_message(catalogue):
    """The one rule the conversion guarantees by construction: no parties, no schema:Message."""
    e = Entity("record", "r", {"kind": "report", "title": "T", "date": "1949", "listed": False}, "x.toml")
    ((subject, pairs),) = list(convert.record_subjects(catalogue, [e]))
    assert (convert.A, convert.C_MESSAGE) not in pairs and (convert.A, convert.C_RECORD) in pairs

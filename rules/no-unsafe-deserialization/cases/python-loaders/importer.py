import _pickle as cPickle
import base64
import json
import marshal
import pickle
import shelve
import xml.etree.ElementTree as ET
import xml.sax
from xml.dom import minidom

import defusedxml.ElementTree as SafeET
import dill
import jsonpickle
import yaml
from lxml import etree


def handler(event, context):
    for record in event["Records"]:
        raw = record["body"]
        blob = base64.b64decode(raw)
        # ruleid: no-unsafe-deserialization
        pickle.loads(blob)
        # ruleid: no-unsafe-deserialization
        dill.loads(blob)
        # ruleid: no-unsafe-deserialization
        marshal.loads(blob)
        # ruleid: no-unsafe-deserialization
        shelve.open("/tmp/" + raw)
        # ruleid: no-unsafe-deserialization
        jsonpickle.decode(raw)
        # ruleid: no-unsafe-deserialization
        config = yaml.load(raw, Loader=yaml.Loader)
        # ruleid: no-unsafe-deserialization
        more = yaml.unsafe_load(raw)
        # ok: no-unsafe-deserialization
        safe = yaml.load(raw, Loader=yaml.SafeLoader)
        # ok: no-unsafe-deserialization
        also_safe = yaml.safe_load(raw)
        # ok: no-unsafe-deserialization
        data = json.loads(raw)

        # ruleid: no-unsafe-deserialization
        ET.fromstring(raw)
        # ruleid: no-unsafe-deserialization
        minidom.parseString(raw)
        # ruleid: no-unsafe-deserialization
        xml.sax.parseString(raw, xml.sax.ContentHandler())
        # ruleid: no-unsafe-deserialization
        cPickle.loads(blob)
        # ok: no-unsafe-deserialization
        SafeET.fromstring(raw)
        # ruleid: no-unsafe-deserialization
        etree.fromstring(raw, etree.XMLParser(resolve_entities=True))
        # ok: no-unsafe-deserialization
        etree.fromstring(raw, etree.XMLParser(resolve_entities=False))
        # ok: no-unsafe-deserialization
        pickle.loads(pickle.dumps({"a": 1}))

#!/usr/bin/env python3
"""Writes test/fixtures/protocol-vectors.json: requests exactly as the early hetu-pysdk lays them out.

An independent implementation of the wire rules of spec section 5.3 / 5.3.1, written from the spec
(not copied from the SDK): pydantic models for TerminalInfo and Synapse (`model_dump`, `to_headers`,
`body_hash` with Python's own `str()` and `hashlib.sha3_256`), the dendrite's request preparation,
and EIP-191 signing with a small pure-Python Keccak-256 and secp256k1 (RFC 6979 deterministic k,
low s, v = 27/28), which is what eth_account produces.

Run: python3 test/protocol/vectors/generate.py   (needs pydantic 2; no network)
"""
import base64
import hashlib
import hmac
import json
import sys
from pathlib import Path
from typing import ClassVar, Optional

from pydantic import BaseModel, ConfigDict, model_validator

# ---------------------------------------------------------------- Keccak-256 (pre-FIPS padding 0x01)

_RC = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
_ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
_M = (1 << 64) - 1


def _rol(v, n):
    return ((v << n) | (v >> (64 - n))) & _M if n else v


def _keccak_f(a):
    for rc in _RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rol(c[(x + 1) % 5], 1) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rol(a[x][y], _ROT[x][y])
        a = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        a[0][0] ^= rc
    return a


def keccak256(data: bytes) -> bytes:
    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\x00"
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off : off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            a[x][y] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        a = _keccak_f(a)
    out = b"".join(a[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
    return out


assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"

# ---------------------------------------------------------------- secp256k1, RFC 6979, EIP-191

P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
G = (
    0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
    0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8,
)


def _add(p, q):
    if p is None:
        return q
    if q is None:
        return p
    if p[0] == q[0] and (p[1] + q[1]) % P == 0:
        return None
    if p == q:
        lam = 3 * p[0] * p[0] * pow(2 * p[1], -1, P) % P
    else:
        lam = (q[1] - p[1]) * pow(q[0] - p[0], -1, P) % P
    x = (lam * lam - p[0] - q[0]) % P
    return (x, (lam * (p[0] - x) - p[1]) % P)


def _mul(k, p):
    r = None
    while k:
        if k & 1:
            r = _add(r, p)
        p = _add(p, p)
        k >>= 1
    return r


def _rfc6979_k(digest: bytes, key: int) -> int:
    x = key.to_bytes(32, "big")
    h = (int.from_bytes(digest, "big") % N).to_bytes(32, "big")
    v, k = b"\x01" * 32, b"\x00" * 32
    k = hmac.new(k, v + b"\x00" + x + h, hashlib.sha256).digest()
    v = hmac.new(k, v, hashlib.sha256).digest()
    k = hmac.new(k, v + b"\x01" + x + h, hashlib.sha256).digest()
    v = hmac.new(k, v, hashlib.sha256).digest()
    while True:
        v = hmac.new(k, v, hashlib.sha256).digest()
        candidate = int.from_bytes(v, "big")
        if 1 <= candidate < N:
            return candidate
        k = hmac.new(k, v + b"\x00", hashlib.sha256).digest()
        v = hmac.new(k, v, hashlib.sha256).digest()


def to_checksum(address_hex_lower: str) -> str:
    h = keccak256(address_hex_lower.encode()).hex()
    return "0x" + "".join(c.upper() if int(h[i], 16) >= 8 else c for i, c in enumerate(address_hex_lower))


def address_of(key: int) -> str:
    x, y = _mul(key, G)
    return to_checksum(keccak256(x.to_bytes(32, "big") + y.to_bytes(32, "big"))[12:].hex())


def eip191_digest(text: str) -> bytes:
    data = text.encode("utf-8")
    return keccak256(b"\x19Ethereum Signed Message:\n" + str(len(data)).encode() + data)


def sign_message(text: str, key: int) -> str:
    digest = eip191_digest(text)
    z = int.from_bytes(digest, "big")
    k = _rfc6979_k(digest, key)
    rx, ry = _mul(k, G)
    r = rx % N
    s = pow(k, -1, N) * (z + r * key) % N
    recid = (ry & 1) | (2 if rx >= N else 0)
    if s > N // 2:
        s = N - s
        recid ^= 1
    return "0x" + r.to_bytes(32, "big").hex() + s.to_bytes(32, "big").hex() + bytes([27 + recid]).hex()


# ---------------------------------------------------------------- the SDK's models (spec 5.3)


class TerminalInfo(BaseModel):
    model_config = ConfigDict(validate_assignment=True)
    status_code: Optional[int] = None
    status_message: Optional[str] = None
    process_time: Optional[float] = None
    ip: Optional[str] = None
    port: Optional[int] = None
    version: Optional[int] = None
    nonce: Optional[int] = None
    uuid: Optional[str] = None
    hotkey: Optional[str] = None
    signature: Optional[str] = None


def _deep_size(obj, seen=None) -> int:
    """Recursive sys.getsizeof, as the SDK's `get_size` (the value is sent but never checked)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(_deep_size(v, seen) + _deep_size(k, seen) for k, v in obj.items())
    elif hasattr(obj, "__dict__"):
        size += _deep_size(obj.__dict__, seen)
    elif hasattr(obj, "__iter__") and not isinstance(obj, (str, bytes, bytearray)):
        size += sum(_deep_size(i, seen) for i in obj)
    return size


def sha3_hex(text: str) -> str:
    return hashlib.sha3_256(text.encode("utf-8")).hexdigest()


class SynapseModel(BaseModel):
    """Base of every synapse: the protocol fields, in the order `model_dump()` emits them."""

    model_config = ConfigDict(validate_assignment=True)
    name: Optional[str] = None
    timeout: Optional[float] = 12.0
    total_size: Optional[int] = 0
    header_size: Optional[int] = 0
    dendrite: Optional[TerminalInfo] = TerminalInfo()
    axon: Optional[TerminalInfo] = TerminalInfo()
    computed_body_hash: Optional[str] = ""
    required_hash_fields: ClassVar[tuple] = ()

    @model_validator(mode="before")
    @classmethod
    def _route_name(cls, values):
        values["name"] = cls.__name__
        return values

    @property
    def body_hash(self) -> str:
        dumped = self.model_dump()
        return sha3_hex("".join(sha3_hex(str(dumped[f])) for f in self.required_hash_fields))

    def to_headers(self) -> dict:
        headers = {"name": self.name, "timeout": str(self.timeout)}
        for prefix, info in (("axon", self.axon), ("dendrite", self.dendrite)):
            if info:
                headers.update({f"bt_header_{prefix}_{k}": str(v) for k, v in info.model_dump().items() if v is not None})
        required = self.__class__.model_json_schema().get("required", [])
        for field, value in self.model_dump().items():
            if field in headers or value is None:
                continue
            if field in required:
                headers[f"bt_header_input_obj_{field}"] = base64.b64encode(json.dumps(value.__class__()).encode()).decode()
        headers["header_size"] = str(sys.getsizeof(headers))
        self.total_size = _deep_size(self)
        headers["total_size"] = str(self.total_size)
        headers["computed_body_hash"] = self.body_hash
        return headers


class Synapse(SynapseModel):
    """The seed's default synapse."""

    completion: str
    required_hash_fields: ClassVar[tuple] = ("completion",)


class ComputeTask(SynapseModel):
    """A richer synapse: floats, ints, lists, dicts, optionals, hash fields in a non-model order."""

    task: str
    values: list[float]
    weights: dict[str, float]
    temperature: float
    top_k: int
    tags: Optional[list[str]] = None
    flag: bool = False
    result: Optional[str] = None
    required_hash_fields: ClassVar[tuple] = ("values", "task", "weights", "temperature", "top_k", "tags", "flag")


# ---------------------------------------------------------------- dendrite request preparation

DENDRITE_KEY = 0xAC0974BEC39A17E36BA4A6B4D238FF944BACB478CBED5EFCAE784D7BF4F2FF80  # anvil dev account 0
AXON_KEY = 0x59C6995E998F97A5A0044966F0945389DC9E86DAE88C7A8412F4603B6B78690D  # anvil dev account 1
DENDRITE_ADDRESS = address_of(DENDRITE_KEY)
AXON_ADDRESS = address_of(AXON_KEY)
assert DENDRITE_ADDRESS == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
assert AXON_ADDRESS == "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"

DENDRITE_UUID = "5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a"
DENDRITE_IP = "203.0.113.7"
VERSION = 1000  # 0.1.0


def prepare(synapse: SynapseModel, nonce: int, timeout: float, axon_ip: str, axon_port: int):
    synapse.timeout = timeout
    synapse.dendrite = TerminalInfo(ip=DENDRITE_IP, version=VERSION, nonce=nonce, uuid=DENDRITE_UUID, hotkey=DENDRITE_ADDRESS)
    synapse.axon = TerminalInfo(ip=axon_ip, port=axon_port, hotkey=AXON_ADDRESS)
    synapse = synapse.model_copy(update={"computed_body_hash": synapse.body_hash})
    message = f"{synapse.dendrite.nonce}.{synapse.dendrite.hotkey}.{synapse.axon.hotkey}.{synapse.dendrite.uuid}.{synapse.computed_body_hash}"
    synapse.dendrite.signature = sign_message(message, DENDRITE_KEY)
    headers = synapse.to_headers()  # evaluated before the body, as in `session.post(headers=…, json=…)`
    body = json.dumps(synapse.model_dump())
    return synapse, headers, body, message


def request_vector(label, synapse, fields, hash_fields, nonce, timeout=12.0, axon_ip="127.0.0.1", axon_port=8091):
    prepared, headers, body, message = prepare(synapse, nonce, timeout, axon_ip, axon_port)
    dumped = prepared.model_dump()
    return {
        "label": label,
        "synapse": prepared.name,
        "fields": fields,
        "hashFields": list(hash_fields),
        "fieldStr": {f: str(dumped[f]) for f in hash_fields},
        "nonce": str(nonce),
        "timeout": timeout,
        "uuid": DENDRITE_UUID,
        "dendriteIp": DENDRITE_IP,
        "axon": {"ip": axon_ip, "port": axon_port, "hotkey": AXON_ADDRESS},
        "bodyHash": prepared.computed_body_hash,
        "message": message,
        "signature": prepared.dendrite.signature,
        "headers": headers,
        "body": body,
    }


def python_axon_error_response(request_nonce_vector, axon_nonce, axon_uuid, status, message_text):
    """What a Python axon sends on rejection: status + message, signed four-part terminal info."""
    message = f"{axon_nonce}.{DENDRITE_ADDRESS}.{AXON_ADDRESS}.{axon_uuid}"
    return {
        "status": status,
        "message": message,
        "signature": sign_message(message, AXON_KEY),
        "axonNonce": str(axon_nonce),
        "axonUuid": axon_uuid,
        "headers": {
            "bt_header_axon_status_code": str(status),
            "bt_header_axon_status_message": message_text,
            "bt_header_axon_version": str(VERSION),
            "bt_header_axon_nonce": str(axon_nonce),
            "bt_header_axon_uuid": axon_uuid,
            "bt_header_axon_hotkey": AXON_ADDRESS,
            "bt_header_axon_signature": sign_message(message, AXON_KEY),
            "bt_header_dendrite_hotkey": DENDRITE_ADDRESS,
            "bt_header_dendrite_nonce": request_nonce_vector,
            "bt_header_dendrite_uuid": DENDRITE_UUID,
        },
        "body": json.dumps({"message": message_text}),
    }


def python_axon_success_response(synapse: SynapseModel, request_body: str, updates: dict):
    """A Python axon's 200: the handler's synapse (parsed from the body) dumped, unsigned (5.3.1.1)."""
    handled = synapse.__class__(**json.loads(request_body))
    for key, value in updates.items():
        setattr(handled, key, value)
    handled.axon.status_code = 200
    handled.axon.status_message = "Success"
    handled.axon.process_time = 0.0123
    headers = handled.to_headers()
    return {"status": 200, "headers": headers, "body": json.dumps(handled.model_dump()), "fields": updates}


REPR_CASES = [
    ("str", "hello world"),
    ("str", "héllo – 世界\n\ttab"),
    ("float", 1.0),
    ("float", 0.5),
    ("float", 1e-07),
    ("float", 0.0001),
    ("float", 1e16),
    ("float", 1234567890123456.0),
    ("float", -2.5e-05),
    ("float", 3.141592653589793),
    ("float", 1.7976931348623157e308),
    ("float", 5e-324),
    ("float", 0.1 + 0.2),
    ("float", -0.0),
    ("int", 0),
    ("int", -42),
    ("int", 9007199254740991),
    ("bool", True),
    ("none", None),
    ("list[float]", [0.5, 1.0, 1e-07, 100.0]),
    ("list[int]", [1, 2, 3]),
    ("list[str]", ["a", "it's", 'say "hi"', "both ' and \"", "tab\there", "back\\slash", "é", "\u200b", "\x7f", "\U0001f600"]),
    ("dict[str,float]", {"a": 0.25, "b'c": 2.0, "": 1e22}),
    ("dict[str,any]", {"k": None, "n": [1, {"x": True}], "s": "v"}),
    ("list[list[float]]", [[1.0, 2.5], []]),
]


def random_floats(count=400):
    """Doubles across every magnitude, to check float repr (fixed and exponent forms)."""
    import random
    import struct

    rng = random.Random(20250708)
    out = []
    while len(out) < count:
        value = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
        if value == value and value not in (float("inf"), float("-inf")):
            out.append(value)
    for exponent in range(-8, 20):
        out.append(rng.random() * 10.0**exponent)
        out.append(float(rng.randrange(1, 10**6)) * 10.0**exponent)
    return [[v, repr(v)] for v in out]


def main():
    nonce = 1751980800123456789
    simple = Synapse(completion="add 15 25")
    compute = ComputeTask(
        task="score: ünïcode ✓",
        values=[0.5, 1.0, 1e-07, 100.0],
        weights={"alpha": 0.25, "beta": 2.0},
        temperature=0.7,
        top_k=40,
        tags=["it's", 'say "hi"', "tab\there"],
        flag=True,
    )
    compute_fields = {
        "task": compute.task,
        "values": compute.values,
        "weights": compute.weights,
        "temperature": compute.temperature,
        "top_k": compute.top_k,
        "tags": compute.tags,
        "flag": compute.flag,
    }
    requests = [
        request_vector("default Synapse", simple, {"completion": "add 15 25"}, Synapse.required_hash_fields, nonce),
        request_vector("ComputeTask", compute, compute_fields, ComputeTask.required_hash_fields, nonce + 1, timeout=30.0),
    ]
    vectors = {
        "description": "Requests laid out exactly as the early hetu-pysdk (main e531ba4) does, per spec 5.3/5.3.1. "
        "Generated by test/protocol/vectors/generate.py (pydantic + own keccak/secp256k1); do not edit by hand.",
        "keys": {
            "dendrite": {"privateKey": "0x%064x" % DENDRITE_KEY, "address": DENDRITE_ADDRESS},
            "axon": {"privateKey": "0x%064x" % AXON_KEY, "address": AXON_ADDRESS},
        },
        "emptySha3": sha3_hex(""),
        "pythonStr": [{"type": t, "value": v, "str": str(v)} for t, v in REPR_CASES],
        "floatRepr": random_floats(),
        "requests": requests,
        "pythonAxon": {
            "errorResponse": python_axon_error_response(str(nonce), nonce + 5_000_000, "0b6b3c7a-1d2e-11ee-9c2b-0242ac120002", 403, "Forbidden. Key is blacklisted: not a validator."),
            "successResponse": python_axon_success_response(Synapse(completion="add 15 25"), requests[0]["body"], {"completion": "Result: 15 + 25 = 40"}),
        },
    }
    out = Path(__file__).resolve().parents[2] / "fixtures" / "protocol-vectors.json"
    out.write_text(json.dumps(vectors, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

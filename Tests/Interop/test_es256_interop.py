"""ES256 both ways: Python cryptography, PyJWT and joserfc verify what `pkjwt keygen --type ec` and
`pkjwt sign` make, pkjwt verifies and reads what they make, and openssl accepts pkjwt's EC keys."""

import base64
import json
import subprocess
import time

import jwt
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from joserfc import jws
from joserfc.jwk import ECKey, RSAKey

from helpers import pkjwt

KEYS = 10


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture(scope="module")
def ec_keys(tmp_path_factory):
    """KEYS P-256 keys made by `pkjwt keygen --type ec`, with the JWK it printed."""
    folder = tmp_path_factory.mktemp("ec")
    made = []
    for i in range(KEYS):
        path = folder / f"ec-{i}.pem"
        out = pkjwt("keygen", "--type", "ec", "--out", str(path), "--json").stdout
        made.append((path, json.loads(out)))
    return made


def test_openssl_pkey_check_accepts_every_ec_key(ec_keys):
    for path, _ in ec_keys:
        result = subprocess.run(["openssl", "pkey", "-in", str(path), "-check", "-noout"], capture_output=True, text=True)
        assert result.returncode == 0 and "valid" in result.stdout.lower(), result.stderr


def test_cryptography_and_joserfc_agree_on_jwk_and_thumbprint(ec_keys):
    for path, report in ec_keys:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
        numbers = key.public_key().public_numbers()
        jwk = report["jwk"]
        assert (jwk["kty"], jwk["crv"], jwk["alg"]) == ("EC", "P-256", "ES256")
        assert int.from_bytes(b64url_decode(jwk["x"]), "big") == numbers.x
        assert int.from_bytes(b64url_decode(jwk["y"]), "big") == numbers.y
        assert len(b64url_decode(jwk["x"])) == 32 and len(b64url_decode(jwk["y"])) == 32
        assert report["kid"] == ECKey.import_key(jwk).thumbprint()


def test_pyjwt_cryptography_and_joserfc_verify_our_es256_jws(ec_keys):
    now = int(time.time())
    for path, report in ec_keys:
        claims = json.dumps({"sub": "interop", "iat": now, "exp": now + 60})
        token = pkjwt("sign", "--key", str(path), claims).stdout.strip()
        header = json.loads(b64url_decode(token.split(".")[0]))
        assert header == {"alg": "ES256", "kid": report["kid"], "typ": "JWT"}
        public = serialization.load_pem_private_key(path.read_bytes(), password=None).public_key()
        assert jwt.decode(token, public, algorithms=["ES256"])["sub"] == "interop"
        # RFC 7518 section 3.4: the signature is R || S, 32 octets each, which cryptography takes as DER.
        signature = b64url_decode(token.split(".")[2])
        assert len(signature) == 64
        der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
        public.verify(der, token.rsplit(".", 1)[0].encode(), ec.ECDSA(hashes.SHA256()))
        assert jws.deserialize_compact(token, ECKey.import_key(report["jwk"])).headers()["alg"] == "ES256"


def test_pkjwt_verifies_pyjwt_es256_tokens_and_refuses_tampering(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (tmp_path / "pub.pem").write_bytes(public_pem)
    (tmp_path / "pub.jwk").write_text(json.dumps(ECKey.import_key(public_pem).as_dict()))
    now = int(time.time())
    token = jwt.encode({"sub": "pyjwt", "iat": now, "exp": now + 60}, key, algorithm="ES256")
    for name in ("pub.pem", "pub.jwk"):
        verified = json.loads(pkjwt("verify", "--key", str(tmp_path / name), token).stdout)
        assert verified["claims"]["sub"] == "pyjwt" and verified["header"]["alg"] == "ES256"
    # A JWK Set as an issuer publishes it: an RSA key and this EC key, the token naming the EC one.
    rsa_jwk = RSAKey.import_key(
        rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)).as_dict()
    ec_jwk = ECKey.import_key(public_pem).as_dict()
    (tmp_path / "jwks.json").write_text(json.dumps({"keys": [dict(rsa_jwk, kid="r1"), dict(ec_jwk, kid="e1")]}))
    named = jwt.encode({"sub": "set", "iat": now, "exp": now + 60}, key, algorithm="ES256", headers={"kid": "e1"})
    assert json.loads(pkjwt("verify", "--key", str(tmp_path / "jwks.json"), named).stdout)["claims"]["sub"] == "set"
    wrong = jwt.encode({"sub": "set"}, key, algorithm="ES256", headers={"kid": "r1"})
    assert pkjwt("verify", "--key", str(tmp_path / "jwks.json"), wrong, check=False).returncode == 1
    header, payload, signature = token.split(".")
    forged = ".".join([header, base64.urlsafe_b64encode(b'{"sub":"mallory"}').rstrip(b"=").decode(), signature])
    assert pkjwt("verify", "--key", str(tmp_path / "pub.pem"), forged, check=False).returncode == 1
    # An RS256 header under an EC key is refused, whatever the signature.
    rs256 = base64.urlsafe_b64encode(b'{"alg":"RS256","typ":"JWT"}').rstrip(b"=").decode()
    assert pkjwt("verify", "--key", str(tmp_path / "pub.pem"), ".".join([rs256, payload, signature]), check=False).returncode == 1


@pytest.mark.parametrize("form", ["pkcs8", "sec1", "jwk"])
def test_pkjwt_reads_and_signs_with_ec_keys_cryptography_wrote(tmp_path, form):
    key = ec.generate_private_key(ec.SECP256R1())
    if form == "jwk":
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        data = json.dumps(ECKey.import_key(pem).as_dict(private=True)).encode()
    else:
        private_format = serialization.PrivateFormat.PKCS8 if form == "pkcs8" else serialization.PrivateFormat.TraditionalOpenSSL
        data = key.private_bytes(serialization.Encoding.PEM, private_format, serialization.NoEncryption())
    path = tmp_path / f"key.{form}"
    path.write_bytes(data)
    report = json.loads(pkjwt("inspect", "--json", str(path)).stdout)
    assert report["kind"] == "private" and report["keys"][0]["curve"] == "P-256"
    assert int.from_bytes(b64url_decode(report["keys"][0]["jwk"]["x"]), "big") == key.public_key().public_numbers().x
    token = pkjwt("sign", "--key", str(path), '{"sub":"x"}').stdout.strip()
    assert jwt.decode(token, key.public_key(), algorithms=["ES256"], options={"verify_exp": False})["sub"] == "x"

"""The core's folders are read, and may only depend, in one order: BigNum, SHA256, Random, RSA, EC,
Encoding, JOSE, Keys. A Swift file in one of them that names a type declared in a folder later in
that order is reported, and the check fails. Comments and string literals are left out first, so a
name in prose is not a use. The files at the core's root (the error type, the lock, the comparison)
sit below every folder.

    python3 Tests/FolderOrder/check.py [CORE]     # default Sources/PrivateKeyJWT
    python3 Tests/FolderOrder/check.py --self-test
"""

import os
import re
import sys
import tempfile

ORDER = ["BigNum", "SHA256", "Random", "RSA", "EC", "Encoding", "JOSE", "Keys"]
DECLARATION = re.compile(
    r"^\s*(?:(?:public|package|private|fileprivate|internal|final|indirect)\s+|@\w+(?:\([^)]*\))?\s+)*"
    r"(?:struct|enum|class|protocol|actor|typealias)\s+(\w+)", re.M)


def code_only(source):
    """The source without string literals (multi-line first) and comments."""
    source = re.sub(r'"""[\s\S]*?"""', '""', source)
    source = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', source)
    source = re.sub(r"/\*[\s\S]*?\*/", "", source)
    return re.sub(r"//.*", "", source)


def swift_files(core):
    for folder in ORDER:
        for root, _, names in os.walk(os.path.join(core, folder)):
            for name in sorted(names):
                if name.endswith(".swift"):
                    yield folder, os.path.join(root, name)


def violations(core):
    declared = {}
    files = list(swift_files(core))
    for folder, path in files:
        for name in DECLARATION.findall(code_only(open(path, encoding="utf-8").read())):
            declared.setdefault(name, folder)
    found = []
    for folder, path in files:
        code = code_only(open(path, encoding="utf-8").read())
        for name, home in sorted(declared.items()):
            if ORDER.index(home) > ORDER.index(folder) and re.search(r"\b" + name + r"\b", code):
                found.append(f"{path} uses {name}, declared in {home}/, which comes after {folder}/")
    return found


def self_test():
    """The check finds a use that goes up the order and passes one that goes down."""
    with tempfile.TemporaryDirectory() as core:
        for folder, text in [("BigNum", "struct Limbs { let digest: Digest }\n"),
                             ("SHA256", "struct Digest { let bytes: Limbs }\n// Limbs in a comment\n"),
                             ("JOSE", 'struct Token { let note = "Digest" }\n')]:
            os.makedirs(os.path.join(core, folder))
            with open(os.path.join(core, folder, "File.swift"), "w") as source:
                source.write(text)
        found = violations(core)
        if len(found) != 1 or "uses Digest, declared in SHA256/" not in found[0]:
            sys.exit(f"folder-order self-test failed: {found}")
    print("folder-order self-test: an upward use found, a downward use, a comment and a string passed")


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return
    core = sys.argv[1] if len(sys.argv) > 1 else "Sources/PrivateKeyJWT"
    found = violations(core)
    for line in found:
        print(line)
    if found:
        sys.exit(f"{len(found)} use(s) against the folder order {' → '.join(ORDER)}")
    print(f"folder order {' → '.join(ORDER)}: no folder uses a type from a later one")


main()

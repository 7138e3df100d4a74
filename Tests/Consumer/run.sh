#!/usr/bin/env bash
# A package that depends on pkjwt by version, as every Swift library is consumed: a tagged copy of this
# checkout in a temporary git repository, a throwaway package that names it with `from:`, imports
# every product pkjwt offers, makes a client assertion and verifies it, and runs. SwiftPM refuses a
# version dependency whose used products carry unsafe flags, so this fails if one ever does.
# Used by Tests/run-all.sh; SCRATCH (default: a folder of its own) is the consumer's build folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pkjwt-consumer-XXXXXX")
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/.*static let version = "\([0-9.]*\)".*/\1/p' Sources/pkjwt/Main.swift)

# The files git tracks or would track (committed or not), as a repository of their own, tagged.
mkdir "$work/pkjwt"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
    [ -e "$file" ] && mkdir -p "$work/pkjwt/$(dirname "$file")" && cp -p "$file" "$work/pkjwt/$file"
done
git -C "$work/pkjwt" init -q
git -C "$work/pkjwt" add -A
git -C "$work/pkjwt" -c user.name=ci -c user.email=ci@localhost commit -q -m "pkjwt $version"
git -C "$work/pkjwt" tag "$version"

# What the manifest offers a consumer (no PKJWT_FAST_PATH_PRODUCTS here, as in a consumer's build).
products=$(cd "$work/pkjwt" && swift package dump-package | python3 -c '
import json, sys
print(" ".join(p["name"] for p in json.load(sys.stdin)["products"] if "library" in p["type"]))')
echo "library products offered: $products"

mkdir -p "$work/consumer/Sources/Consumer"
dependencies=$(for p in $products; do printf '.product(name: "%s", package: "pkjwt"), ' "$p"; done)
cat > "$work/consumer/Package.swift" <<MANIFEST
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "consumer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "file://$work/pkjwt", from: "$version")],
    targets: [.executableTarget(name: "Consumer", dependencies: [$dependencies])]
)
MANIFEST
{
    for p in $products; do echo "import $p"; done
    cat <<'SWIFT'

// A client assertion signed with a new key and verified with its public key, through the public API.
let key = try RSAPrivateKey(generatingBits: 2048)
let kid = key.publicKey.thumbprint
let assertion = try ClientAssertion(
    clientID: "0oaconsumer", audience: "https://example.okta.com/oauth2/v1/token", kid: kid)
let jws = try assertion.signed(with: key)
let verified = try JWS.verify(jws, key: key.publicKey)
guard case .string("0oaconsumer")? = try JSONValue.parseObject(verified.payload, what: "claims")["sub"] else {
    fatalError("the verified claims do not carry the client id")
}
print("consumer: signed and verified a client assertion, kid \(kid)")
SWIFT
} > "$work/consumer/Sources/Consumer/main.swift"

cd "$work/consumer"
scratch=${SCRATCH:-$root/.build-consumer}
if ! swift build --scratch-path "$scratch" > "$work/build.log" 2>&1; then
    grep -E "error" "$work/build.log" || tail -30 "$work/build.log"
    echo "the consumer by version did not build"
    exit 1
fi
"$(swift build --scratch-path "$scratch" --show-bin-path)/Consumer"

#!/usr/bin/env bash
# Makes the test PKI of the upstream protocol (src/upstream/README.md) in OUT_DIR: a client CA,
# the receiver's server certificate, the workstation's client certificate (also as PKCS#12), an
# expired client certificate, a second CA with its own server and client certificates (for the
# "wrong CA" cases), the receiver's Ed25519 receipt key, and a workstation certificate for the
# upstream test vectors' published client key (to replay tests/vectors/upstream/ byte for byte).
# For tests and trials only.
#
#   installer/make-test-pki.sh OUT_DIR
#
# Idempotent: when every file is already there it does nothing. Quiet: prints one line saying
# where the files are. The PKCS#12 password is $SANAQ_TEST_P12_PASSWORD, else "sanaq-test".
set -euo pipefail

if [ $# -ne 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
out=$1
password=${SANAQ_TEST_P12_PASSWORD:-sanaq-test}

files=(ca.pem ca.key server.pem server.key client.pem client.key client.p12
       client-expired.pem client-expired.key client-expired.p12 client-misnamed.p12
       other-ca.pem other-ca.key other-server.pem other-server.key other-client.pem other-client.key
       receipt.key receipt.pub vector-client.pem vector-client.key)

mkdir -p "$out"
complete=1
for f in "${files[@]}"; do [ -s "$out/$f" ] || complete=0; done
if [ $complete -eq 1 ]; then
  echo "make-test-pki: test PKI already in $out"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077

cat >"$work/openssl.cnf" <<EOF
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ server_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ client_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
# "openssl ca" is only used for the expired certificate: x509 -req cannot set a past start date.
[ ca ]
default_ca = expired_ca
[ expired_ca ]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
[ policy_any ]
commonName = supplied
EOF
: >"$work/index.txt"
echo 1000 >"$work/serial"

ssl() { openssl "$@" 2>"$work/last-error" || { cat "$work/last-error" >&2; exit 1; }; }
p256_key() { ssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# make_ca NAME CN
make_ca() {
  p256_key "$work/$1.key"
  ssl req -config "$work/openssl.cnf" -new -x509 -key "$work/$1.key" -subj "/CN=$2" -days 3650 \
    -sha256 -extensions v3_ca -out "$work/$1.pem"
}
# make_cert NAME CN CA EXTENSIONS
make_cert() {
  p256_key "$work/$1.key"
  ssl req -config "$work/openssl.cnf" -new -key "$work/$1.key" -subj "/CN=$2" -out "$work/$1.csr"
  ssl x509 -req -in "$work/$1.csr" -CA "$work/$3.pem" -CAkey "$work/$3.key" -CAcreateserial \
    -days 825 -sha256 -extfile "$work/openssl.cnf" -extensions "$4" -out "$work/$1.pem"
}
make_p12() {
  ssl pkcs12 -export -inkey "$work/$1.key" -in "$work/$1.pem" -certfile "$work/$2.pem" \
    -name "$1" -passout "pass:$password" -out "$work/$1.p12"
}

make_ca ca "Sanaq Test Client CA"
make_cert server localhost ca server_ext
make_cert client ws-59-01 ca client_ext
make_p12 client ca

# Expired: valid through 2020 only.
p256_key "$work/client-expired.key"
ssl req -config "$work/openssl.cnf" -new -key "$work/client-expired.key" -subj "/CN=ws-59-01" \
  -out "$work/client-expired.csr"
ssl ca -batch -config "$work/openssl.cnf" -cert "$work/ca.pem" -keyfile "$work/ca.key" \
  -in "$work/client-expired.csr" -startdate 20200101000000Z -enddate 20201231000000Z \
  -extfile "$work/openssl.cnf" -extensions client_ext -notext -out "$work/client-expired.pem"
make_p12 client-expired ca

# Valid, from the client CA, but its CN is no workstation id (ws-<region code>-<nn>).
make_cert client-misnamed workstation-59 ca client_ext
make_p12 client-misnamed ca

make_ca other-ca "Sanaq Test Other CA"
make_cert other-server localhost other-ca server_ext
make_cert other-client ws-59-01 other-ca client_ext

# The test vectors' client key: the Ed25519 secret key of RFC 8032, 7.1, TEST 1 — published, so
# only ever in a test PKI — in a workstation certificate (CN ws-59-01) from the client CA.
cat >"$work/vector-client.key" <<'KEY'
-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
-----END PRIVATE KEY-----
KEY
ssl req -config "$work/openssl.cnf" -new -key "$work/vector-client.key" -subj "/CN=ws-59-01" -out "$work/vector-client.csr"
ssl x509 -req -in "$work/vector-client.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
  -days 825 -sha256 -extfile "$work/openssl.cnf" -extensions client_ext -out "$work/vector-client.pem"

ssl genpkey -algorithm ED25519 -out "$work/receipt.key"
ssl pkey -in "$work/receipt.key" -pubout -out "$work/receipt.pub"

for f in "${files[@]}"; do
  cp "$work/$f" "$out/$f.part"
  mv -f "$out/$f.part" "$out/$f"
done
chmod 600 "$out"/*.key "$out"/*.p12
chmod 644 "$out"/*.pem "$out/receipt.pub"
echo "make-test-pki: test PKI written to $out (PKCS#12 password: \$SANAQ_TEST_P12_PASSWORD or sanaq-test)"

#!/bin/sh
# SPDX-License-Identifier: MIT
# mkcerts.sh DIR: a throw-away PKI for the TLS tests, made at test time
# with the openssl command (nothing secret or expiring is committed).
# Writes into DIR (created; its contents replaced):
#   ca.pem                 root CA, the one the client is told to trust
#   int.pem                intermediate CA, signed by the root
#   good.pem + good.key    leaf signed by the intermediate, followed by
#                          the intermediate (a chain), for localhost,
#                          nuki.test, 127.0.0.1 and ::1
#   self.pem + self.key    self-signed, same names
#   wronghost.pem + .key   chain as good, but only for wrong.example
#   expired.pem + .key     chain as good, valid January 2020 only
#   future.pem + .key      chain as good, valid from 2099 only
# Keys are EC P-256 (fast); certificates live two days. Exit 0 or the
# failing openssl command's output on stderr and exit 1.
set -eu

dir=${1:?usage: mkcerts.sh DIR}
command -v openssl >/dev/null 2>&1 || {
	echo "mkcerts.sh: the openssl command is needed (apt-get install openssl)" >&2
	exit 1
}
mkdir -p "$dir"
cd "$dir"
rm -rf newcerts ./*.pem ./*.key ./*.crt ./*.csr index.txt* serial*
mkdir newcerts
: > index.txt
echo 1000 > serial
log=$PWD/openssl.log
: > "$log"

# run CMD...: quietly, but show openssl's words when it fails
run() {
	if ! "$@" >> "$log" 2>&1; then
		echo "mkcerts.sh: failed: $*" >&2
		cat "$log" >&2
		exit 1
	fi
}

cat > ca.cnf <<'EOF'
[ ca ]
default_ca = tca
[ tca ]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
default_md = sha256
policy = any_name
copy_extensions = none
unique_subject = no
[ any_name ]
commonName = supplied
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_int ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $ENV::SAN
EOF

key() {
	run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
	chmod 600 "$1"
}

# openssl ca needs SAN set even where the section does not use it
SAN=DNS:unused
export SAN

key ca.key
run openssl req -new -key ca.key -subj "/CN=nukitui test root CA" -out ca.csr
run openssl ca -batch -config ca.cnf -selfsign -keyfile ca.key -in ca.csr \
	-out ca.pem -extensions v3_ca -days 2 -notext

key int.key
run openssl req -new -key int.key -subj "/CN=nukitui test intermediate CA" -out int.csr
run openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in int.csr \
	-out int.pem -extensions v3_int -days 2 -notext

# leaf NAME SAN [openssl ca options...]: NAME.pem (leaf + intermediate), NAME.key
leaf() {
	name=$1
	SAN=$2
	shift 2
	key "$name.key"
	run openssl req -new -key "$name.key" -subj "/CN=nukitui test server" -out "$name.csr"
	run openssl ca -batch -config ca.cnf -cert int.pem -keyfile int.key \
		-in "$name.csr" -out "$name.crt" -extensions v3_leaf -notext "$@"
	cat "$name.crt" int.pem > "$name.pem"
}

names="DNS:localhost,DNS:nuki.test,IP:127.0.0.1,IP:::1"
leaf good "$names" -days 2
leaf wronghost "DNS:wrong.example" -days 2
leaf expired "$names" -startdate 20200101000000Z -enddate 20200201000000Z
leaf future "$names" -startdate 20990101000000Z -enddate 20991231000000Z

key self.key
run openssl req -new -x509 -key self.key -subj "/CN=localhost" \
	-addext "subjectAltName=$names" -days 2 -out self.pem

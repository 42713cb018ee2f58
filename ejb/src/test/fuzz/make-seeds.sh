#!/usr/bin/env bash
# Writes the seed corpora of the signing fuzz tests from real gpg and git output (run it again to renew
# them; findings that Jazzer adds beside them are kept):
#   GpgKeysFuzzTestInputs/parse/          exported public keys, armored (*.asc) and binary (*.gpg)
#   CommitSignaturesFuzzTestInputs/verify/ raw commits and a tag as git stores them, signed and unsigned
#   fuzz-keys/                            the public keys that signed them, which the fuzz test knows
set -euo pipefail
res="$(cd "$(dirname "$0")/.." && pwd)/resources/org/hubguard/signing"
keys_dir="$res/GpgKeysFuzzTestInputs/parse"
commits_dir="$res/CommitSignaturesFuzzTestInputs/verify"
known_dir="$res/fuzz-keys"
mkdir -p "$keys_dir" "$commits_dir" "$known_dir"
rm -f "$keys_dir"/seed-* "$commits_dir"/seed-* "$known_dir"/*

export GNUPGHOME="$(mktemp -d /tmp/hg-seeds.XXXXXX)"
work="$(mktemp -d)"
trap 'gpgconf --kill gpg-agent; rm -rf "$GNUPGHOME" "$work"' EXIT
gpg_() { gpg --batch --passphrase '' "$@" 2>/dev/null; }
fpr() { gpg --batch --with-colons --list-keys "$1" 2>/dev/null | awk -F: '/^fpr/ { print $10; exit }'; }

gpg_ --quick-gen-key 'Rsa <rsa@example.test>' rsa3072 sign,cert 1y
gpg_ --quick-gen-key 'Ed <ed@example.test>' ed25519 cert 1y
ed="$(fpr ed@example.test)"
gpg_ --quick-add-key "$ed" ed25519 sign 1y
gpg_ --quick-add-key "$ed" cv25519 encr 1y
gpg_ --quick-add-uid "$ed" 'Ed (work) <ed@work.example>'
gpg_ --quick-add-uid "$ed" 'Ed (old) <ed@old.example>'
gpg_ --quick-revoke-uid "$ed" 'Ed (old) <ed@old.example>'
gpg_ --quick-gen-key 'Nist <nist@example.test>' nistp256 sign,cert 1y
nist="$(fpr nist@example.test)"
gpg_ --quick-add-key "$nist" nistp256/ecdh encr 1y
gpg_ --quick-gen-key 'Gone <gone@example.test>' ed25519 sign,cert 1y
gone="$(fpr gone@example.test)"
sed 's/^:-----BEGIN/-----BEGIN/' "$GNUPGHOME/openpgp-revocs.d/$gone.rev" > "$work/gone.rev"
gpg_ --import "$work/gone.rev"

for who in rsa ed nist gone; do
  gpg --batch --armor --export "$who@example.test" > "$keys_dir/seed-$who.asc"
  gpg --batch --export "$who@example.test" > "$keys_dir/seed-$who.gpg"
  cp "$keys_dir/seed-$who.asc" "$known_dir/$who.asc"
done

git init -q -b main "$work/repo"
commit() { # key email message
  local sign=--no-gpg-sign
  [ -n "$1" ] && sign="-S$1"
  git -C "$work/repo" -c user.name=Seed -c user.email="$2" commit -q --allow-empty "$sign" -m "$3"
  git -C "$work/repo" cat-file commit HEAD
}
commit "$(fpr rsa@example.test)" rsa@example.test 'signed with RSA' > "$commits_dir/seed-rsa"
commit "$(gpg --batch --with-colons --list-keys "$ed" 2>/dev/null | awk -F: '/^fpr/ { n++; if (n == 2) print $10 }')!" ed@work.example 'signed by an Ed25519 subkey' > "$commits_dir/seed-ed-subkey"
commit "$nist" nist@example.test 'signed with ECDSA' > "$commits_dir/seed-nist"
commit '' ed@example.test 'not signed' > "$commits_dir/seed-unsigned"
git -C "$work/repo" -c user.name=Seed -c user.email=rsa@example.test -c user.signingkey="$(fpr rsa@example.test)" tag -s -m 'a signed tag' v1
git -C "$work/repo" cat-file tag v1 > "$commits_dir/seed-tag"
echo "seeds written under $res"

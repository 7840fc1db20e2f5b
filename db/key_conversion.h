#pragma once
// Converting a single-key workspace to per-role keys (README.md "Converting a single-key
// workspace"), phase one: each user, at their own sign-in, gets member keys of their own sealed
// under their unchanged password and kept in the version 2 document under its MAC, because nobody
// else can seal anything under that password. The split into part files, by the first officer or
// supervisor to sign in once everyone is enrolled, starts from these.
#include <string>
#include <string_view>
#include <vector>

#include "db/member_slots.h"

namespace sanaq::db {

/// Enrols `user` in `file` (version 2) if they are not yet: a root key for the conversion when
/// there is none (its seed sealed under `master`), a fresh X25519/Ed25519 member pair, and a
/// version 3 slot sealing them, pinning that root, under `password`. Returns whether anything
/// changed; the caller writes the document (write_key_slots, the commit point).
Result<bool> enrol_for_conversion(KeySlotFile& file, const SecretKey& master, std::string_view user,
                                  std::string_view password, const KdfParams& kdf);

/// The conversion root's seed, opened under the master key. WorkspaceDamaged naming `path` when it
/// does not open or does not match the root's public key.
Result<SecretKey> open_conversion_root(const KeySlotFile& file, const SecretKey& master,
                                       const std::filesystem::path& path);

/// Those of `users` (active users' names) who have no member keys yet, in the order given.
std::vector<std::string> not_enrolled(const KeySlotFile& file,
                                      const std::vector<std::string>& users);

/// Drops `user`'s enrolment (their slot was removed or re-wrapped under another password, so the
/// member keys sealed under the old one must not outlive it). Returns whether there was one.
bool drop_enrolment(KeySlotFile& file, std::string_view user);

}  // namespace sanaq::db

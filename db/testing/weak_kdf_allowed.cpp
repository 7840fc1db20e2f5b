// Linked into test programs only (CMake target sanaq_db_test_kdf): lets this program write and
// open key slots with db::test_kdf(), which a shipped program refuses (db/README.md, "KDF
// parameters"). The shipped binaries never contain this symbol; tests/arch checks that.
extern "C" bool sanaq_weak_kdf_allowed() { return true; }

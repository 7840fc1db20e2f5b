#pragma once
// Shared by the act tests: sample acts, catalogs built from src/acts/translations.txt, and
// running the poppler/zbar command-line tools.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/domain/act.h"
#include "core/i18n/catalog.h"

namespace sanaq::acts_test {

/// src/acts (compile-time path, so the test runs from anywhere).
std::filesystem::path acts_source_dir();

struct Translation {
    std::string kk, ru;
};
/// msgid -> translations, parsed from src/acts/translations.txt.
std::map<std::string, Translation> read_translation_table();

/// Writes kk.po / ru.po from the table into `dir`, compiles them with msgfmt into
/// `dir`/locale/<lang>/LC_MESSAGES/sanaq.mo and loads them.
struct Catalogs {
    i18n::Catalog kk, ru;
};
Catalogs make_catalogs(const std::filesystem::path& dir);

/// An act with `kits` full kits (8 components each) and both paper items.
Act sample_act(ActKind kind, int kits);
/// Serial number used for component `c` of kit `k` in sample_act.
std::string sample_serial(int kit, int component);

/// Runs a shell command, returns its standard output; `status` gets the exit status.
std::string run(const std::string& command, int* status = nullptr);
bool have_program(const std::string& name);
std::string quote(const std::filesystem::path& p);

/// pdftotext of pages [first, last] (1-based; 0 = to the end), UTF-8, reading order, every run of
/// white space (line breaks of wrapped text included) made one space.
std::string pdf_text(const std::filesystem::path& pdf, int first = 1, int last = 0);
/// "Pages:" from pdfinfo.
int pdf_pages(const std::filesystem::path& pdf);

/// Number of non-overlapping occurrences.
std::size_t count(const std::string& haystack, const std::string& needle);

}  // namespace sanaq::acts_test

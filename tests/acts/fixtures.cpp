#include "fixtures.h"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "core/domain/identifiers.h"

namespace sanaq::acts_test {
namespace {

std::string trim_copy(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

std::string po_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == '"') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::filesystem::path acts_source_dir() { return SANAQ_ACTS_SOURCE_DIR; }

std::map<std::string, Translation> read_translation_table() {
    std::ifstream in(acts_source_dir() / "translations.txt");
    BOOST_REQUIRE_MESSAGE(in, "src/acts/translations.txt is missing");
    std::map<std::string, Translation> table;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (trim_copy(line).empty() || trim_copy(line)[0] == '#') continue;
        std::vector<std::string> parts;
        std::size_t start = 0;
        for (;;) {
            const auto bar = line.find(" | ", start);
            parts.push_back(trim_copy(line.substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
            if (bar == std::string::npos) break;
            start = bar + 3;
        }
        BOOST_REQUIRE_MESSAGE(parts.size() == 3, "translations.txt line " << n << " has not 3 columns: " << line);
        BOOST_REQUIRE_MESSAGE(!table.contains(parts[0]), "translations.txt line " << n << " repeats " << parts[0]);
        table[parts[0]] = {parts[1], parts[2]};
    }
    return table;
}

Catalogs make_catalogs(const std::filesystem::path& dir) {
    const auto table = read_translation_table();
    std::filesystem::create_directories(dir);
    Catalogs result;
    for (const std::string lang : {"kk", "ru"}) {
        const auto po = dir / (lang + ".po");
        {
            std::ofstream out(po);
            out << "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                << "\"Language: " << lang << "\\n\"\n\n";
            for (const auto& [id, t] : table)
                out << "msgid \"" << po_escape(id) << "\"\nmsgstr \"" << po_escape(lang == "kk" ? t.kk : t.ru)
                    << "\"\n\n";
        }
        const auto mo_dir = dir / "locale" / lang / "LC_MESSAGES";
        std::filesystem::create_directories(mo_dir);
        int status = 0;
        run("msgfmt -o " + quote(mo_dir / "sanaq.mo") + " " + quote(po) + " 2>&1", &status);
        BOOST_REQUIRE_MESSAGE(status == 0, "msgfmt failed on " << po);
        auto catalog = i18n::Catalog::load(dir / "locale", lang);
        BOOST_REQUIRE(catalog.has_value());
        (lang == "kk" ? result.kk : result.ru) = *catalog;
    }
    return result;
}

std::string sample_serial(int kit, int component) {
    static const char* const prefix[] = {"R52T", "CS", "GL", "CH", "UC", "ST", "PB", "PC"};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%03d%d", prefix[component], kit, 7 - component);
    return buf;
}

Act sample_act(ActKind kind, int kits) {
    Act act;
    act.kind = kind;
    act.number = kind == ActKind::Issue ? "SQ-I-2026-000017" : "SQ-R-2026-000004";
    act.date = kind == ActKind::Issue ? "2026-09-14" : "2026-10-20";
    act.created_at_utc = act.date + "T06:30:00Z";
    act.department = {"Алматы облысы бойынша статистика департаменті",
                      "Департамент статистики Алматинской области",
                      "Қонаев қ., Абай даңғылы, 31",
                      "Төлеуғалиев Нұрлан Бақытұлы"};
    act.officer = "Сәрсенбаева Гүлнұр Әбілқызы";
    act.institution.bin = "050140001238";
    act.institution.name_kk = "Қонаев қаласының Ұлттық ұлан әскери бөлімі № 6655 (Өңірлік қолбасшылық, Үшқоңыр)";
    act.institution.name_ru = "Воинская часть № 6655 Национальной гвардии города Конаев";
    act.institution.type = InstitutionType::MilitaryUnit;
    act.institution.kato = {"191010000", "2022"};
    act.institution.address = "Қонаев қ., Шұғыла ықшам ауданы, 12";
    act.employee.id = 7;
    act.employee.institution_bin = act.institution.bin;
    act.employee.iin = "900315400126";
    act.employee.full_name = "Жанбулатова Әйгерім Серікқызы";
    act.employee.position = "Кадр бөлімінің бас маманы / главный специалист отдела кадров";
    act.employee.phone = "+7 701 555 12 34";
    for (int k = 1; k <= kits; ++k) {
        char number[16];
        std::snprintf(number, sizeof number, "KIT-%04d", k);
        int c = 0;
        for (ComponentType type : kAllComponents) {
            ActLine line;
            line.kit_number = number;
            line.component = type;
            line.serial = sample_serial(k, c);
            if (type == ComponentType::Tablet) line.description = "Samsung Galaxy Tab A8 SM-X205";
            line.outcome = LineOutcome::Handed;
            if (kind == ActKind::Return) {
                line.outcome = LineOutcome::ReturnedInOrder;
                if (type == ComponentType::Stylus && k % 2 == 1) {
                    line.outcome = LineOutcome::Missing;
                    line.note = "Жоғалған / утерян";
                }
                if (type == ComponentType::ProtectiveGlass && k == 1) {
                    line.outcome = LineOutcome::Damaged;
                    line.note = "Сызат бар / трещина";
                }
            }
            act.lines.push_back(std::move(line));
            ++c;
        }
    }
    if (kind == ActKind::Issue) {
        act.paper = {{PaperItem::Explanations, 3, 0, 0}, {PaperItem::CompletionCertificates, 250, 0, 0}};
        act.due_date = "2026-10-31";
    } else {
        act.paper = {{PaperItem::Explanations, 0, 3, 0}, {PaperItem::CompletionCertificates, 0, 61, 189}};
        act.note = "Стилус табылған жағдайда қосымша акт жасалады.";
    }
    return act;
}

std::string quote(const std::filesystem::path& p) {
    std::string out = "'";
    for (char c : p.string()) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string run(const std::string& command, int* status) {
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        if (status) *status = -1;
        return output;
    }
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) output.append(buf.data(), n);
    const int rc = ::pclose(pipe);
    if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return output;
}

bool have_program(const std::string& name) {
    int status = 0;
    run("command -v " + name + " >/dev/null 2>&1", &status);
    return status == 0;
}

std::string pdf_text(const std::filesystem::path& pdf, int first, int last) {
    std::string cmd = "pdftotext -enc UTF-8 -f " + std::to_string(first);
    if (last > 0) cmd += " -l " + std::to_string(last);
    int status = 0;
    auto text = run(cmd + " " + quote(pdf) + " - 2>&1", &status);
    BOOST_REQUIRE_MESSAGE(status == 0, "pdftotext failed: " << text);
    // Wrapped cells and paragraphs break phrases over lines: compare with single spaces.
    std::string flat;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !flat.empty()) flat += ' ';
        space = false;
        flat += c;
    }
    return flat;
}

int pdf_pages(const std::filesystem::path& pdf) {
    int status = 0;
    const auto info = run("pdfinfo " + quote(pdf) + " 2>&1", &status);
    BOOST_REQUIRE_MESSAGE(status == 0, "pdfinfo failed: " << info);
    std::istringstream in(info);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("Pages:", 0) == 0) return std::stoi(line.substr(6));
    return -1;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + needle.size()))
        ++n;
    return n;
}

}  // namespace sanaq::acts_test

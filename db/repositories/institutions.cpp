#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

constexpr const char* kColumns = "bin, name_kk, name_ru, type, kato, kato_version, address";

Institution read_institution(const Statement& st, int first = 0) {
    Institution i;
    i.bin = st.text(first + 0);
    i.name_kk = st.text(first + 1);
    i.name_ru = st.text(first + 2);
    // A type a later version added reads as Other rather than failing the whole list.
    i.type = parse_institution_type(st.text(first + 3)).value_or(InstitutionType::Other);
    i.kato = KatoCode{st.text(first + 4), st.text(first + 5)};
    i.address = st.text(first + 6);
    return i;
}

}  // namespace

Institution read_institution_columns(const Statement& st, int first) { return read_institution(st, first); }

Result<std::optional<Institution>> SqlInstitutionRepository::find(std::string_view bin) {
    return guarded([&]() -> Result<std::optional<Institution>> {
        auto& st = db_.query(std::string("SELECT ") + kColumns + " FROM institutions WHERE bin = ?", bin);
        if (!st.step()) return std::nullopt;
        return read_institution(st);
    });
}

Result<std::vector<Institution>> SqlInstitutionRepository::list() {
    return guarded([&]() -> Result<std::vector<Institution>> {
        auto& st = db_.cached(std::string("SELECT ") + kColumns + " FROM institutions ORDER BY name_ru, bin");
        std::vector<Institution> out;
        while (st.step()) out.push_back(read_institution(st));
        return out;
    });
}

Status SqlInstitutionRepository::insert(const Institution& i) {
    return guarded([&]() -> Status {
        if (db_.query("SELECT 1 FROM institutions WHERE bin = ?", i.bin).step())
            return fail(ErrorCode::AlreadyExists, N_("An institution with BIN {} is already registered."), {i.bin});
        db_.query(std::string("INSERT INTO institutions (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)", i.bin,
                  i.name_kk, i.name_ru, institution_type_code(i.type), i.kato.code, i.kato.classifier_version,
                  i.address)
            .run();
        return {};
    });
}

Status SqlInstitutionRepository::update(const Institution& i) {
    return guarded([&]() -> Status {
        db_.query("UPDATE institutions SET name_kk = ?, name_ru = ?, type = ?, kato = ?, kato_version = ?, "
                  "address = ? WHERE bin = ?",
                  i.name_kk, i.name_ru, institution_type_code(i.type), i.kato.code, i.kato.classifier_version,
                  i.address, i.bin)
            .run();
        if (db_.changes() == 0)
            return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {i.bin});
        return {};
    });
}

}  // namespace sanaq::db

#include "ui/coverage/coverage_labels.h"

#include <wx/intl.h>

#include "ui/app/ui_language.h"
#include "ui/common/text.h"
#include "ui/common/palette.h"

namespace sanaq::ui {

wxString outcome_text(std::string_view code) {
    // TRANSLATORS: outcome of one person in the coverage reconciliation, a short list column value.
    if (code == "matched") return _("matched");
    if (code == "review") return _("to review");
    if (code == "conflict") return _("conflict");
    // TRANSLATORS: coverage outcome "missing": on the list, not enumerated. Not the "missing" of a kit part.
    if (code == "missing") return _("not enumerated");
    if (code == "extra") return _("extra");
    if (code == "duplicate") return _("duplicate");
    return from_utf8(code);
}

wxString review_kind_text(ReviewKind kind) {
    switch (kind) {
        // TRANSLATORS: review item kind: is this listed person this enumerated record?
        case ReviewKind::Pair: return _("list vs census");
        // TRANSLATORS: review item kind: are two enumerated records one person counted twice?
        case ReviewKind::Duplicate: return _("counted twice?");
    }
    return {};
}

wxString review_state_text(ReviewState state) {
    switch (state) {
        // TRANSLATORS: state of a review item.
        case ReviewState::Open: return _("open");
        case ReviewState::Decided: return _("decided");
        case ReviewState::AwaitingConfirmation: return _("awaiting confirmation");
        case ReviewState::Gone: return _("no longer proposed");
    }
    return {};
}

wxString list_field_text(lists::ListField field) {
    for (const auto& spec : lists::list_columns()) {
        if (spec.field != field) continue;
        const std::string& lang = ui_language();
        return from_utf8(lang == "kk" ? spec.kk : lang == "ru" ? spec.ru : spec.en);
    }
    return from_utf8(lists::list_field_code(field));
}

wxString sex_text(std::string_view code) {
    // TRANSLATORS: one-letter sex in a list column: male.
    if (code == "M") return _("M");
    // TRANSLATORS: one-letter sex in a list column: female.
    if (code == "F") return _("F");
    return from_utf8(code);
}

wxString count_text(std::int64_t n) { return wxString::Format("%lld", static_cast<long long>(n)); }

wxString percent_text(double percent) { return wxString::Format("%.1f %%", percent); }

wxString score_text(double score) { return wxString::Format("%.1f", score); }

wxColour coverage_colour(double percent) {
    if (percent < 80.0) return palette::coverage_low();
    if (percent < 95.0) return palette::coverage_mid();
    return palette::coverage_high();
}

wxString coverage_row_name(const CoverageRow& row) {
    Institution i;
    i.name_kk = row.name_kk;
    i.name_ru = row.name_ru;
    wxString name = institution_name(i);
    return name.empty() ? from_utf8(row.key) : name;
}

wxString full_name_text(const std::string& surname, const std::string& name, const std::string& patronymic) {
    std::string out;
    for (const std::string* part : {&surname, &name, &patronymic}) {
        if (part->empty()) continue;
        if (!out.empty()) out += ' ';
        out += *part;
    }
    return from_utf8(out);
}

std::string translate_msgid(std::string_view msgid) { return to_utf8(wxGetTranslation(from_utf8(msgid))); }

}  // namespace sanaq::ui

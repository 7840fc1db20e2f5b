#include "ui/kits/kit_list_view.h"

#include <algorithm>

#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "ui/app/ui_language.h"
#include "ui/common/list_columns.h"
#include "ui/common/text.h"
#include "ui/common/palette.h"

namespace sanaq::ui {
namespace {
enum RegistryColumn { kNumber, kState, kModel, kTabletSerial, kUsbSerial, kRegistryColumns };
enum OutstandingColumn { kOKit, kOState, kOHolder, kOInstitution, kOIssued, kODue, kODaysOut, kOOwed, kOutstandingColumns };

wxString owed_text(const std::vector<ComponentType>& owed) {
    wxString text;
    for (auto c : owed) {
        if (!text.empty()) text += ", ";
        text += tr_label(component_label(c));
    }
    return text;
}

bool contains_folded(const wxString& haystack, const wxString& needle_lower) {
    return haystack.Lower().Find(needle_lower) != wxNOT_FOUND;
}
}  // namespace

KitListView::KitListView(wxWindow* parent, Session& session)
        : wxListView(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES),
      session_(session) {
    overdue_attr_.SetBackgroundColour(palette::error_row());
    overdue_attr_.SetTextColour(palette::error_text());
    // The generic list tells us which rows it is about to paint: fetch them in one read.
    Bind(wxEVT_LIST_CACHE_HINT, [this](wxListEvent& e) { ensure_rows(e.GetCacheFrom(), e.GetCacheTo()); });
    set_columns();
}

void KitListView::set_columns() {
    ClearAll();
    // Fixed texts (states, "overdue") set their column's width; free-text columns get a default.
    auto add = [this](const wxString& header, int width, const std::vector<wxString>& samples = {},
                      wxListColumnFormat format = wxLIST_FORMAT_LEFT) {
        append_fitted_column(this, header, width, samples, format);
    };
    std::vector<wxString> states;
    for (KitState s : {KitState::InStock, KitState::Issued, KitState::PartlyReturned, KitState::UnderRepair, KitState::WrittenOff})
        states.push_back(tr_label(kit_state_label(s)));
    if (mode_ == Mode::Registry) {
        add(_("Kit"), 100);
        add(_("State"), 130, states);
        add(_("Tablet model"), 280);
        add(_("Tablet serial"), 150);
        add(_("USB serial"), 150);
    } else {
        add(_("Kit"), 85);
        add(_("State"), 110, states);
        add(_("Holder"), 170);
        add(_("Institution"), 180);
        add(_("Issued"), 90);
        // TRANSLATORS: column header — the agreed return date of an issued kit.
        add(_("Due"), 90, {format_text(_("{} (overdue)"), {"2026-12-31"})});
        add(_("Days out"), 50, {}, wxLIST_FORMAT_RIGHT);
        add(_("Owed"), 150);
    }
}

void KitListView::show_registry(const KitQuery& query) {
    if (mode_ != Mode::Registry) {
        mode_ = Mode::Registry;
        set_columns();
    }
    query_ = query;
    query_.offset = 0;
    query_.limit = 0;
    reload();
}

void KitListView::show_outstanding(const std::string& text, std::optional<KitState> state) {
    if (mode_ != Mode::Outstanding) {
        mode_ = Mode::Outstanding;
        set_columns();
    }
    outstanding_text_ = text;
    outstanding_state_ = state;
    reload();
}

void KitListView::reload() {
    cache_.clear();
    cache_from_ = 0;
    error_reported_ = false;
    if (mode_ == Mode::Registry) {
        auto count = count_kits(session_, query_);
        ++fetches_;
        if (!count) {
            report(count.error());
            SetItemCount(0);
        } else {
            SetItemCount(static_cast<long>(*count));
        }
    } else {
        outstanding_.clear();
        auto all = outstanding_kits(session_);
        ++fetches_;
        if (!all) {
            report(all.error());
        } else {
            const wxString needle = from_utf8(outstanding_text_).Lower();
            for (auto& row : *all) {
                if (outstanding_state_ && row.kit.state != *outstanding_state_) continue;
                if (!needle.empty()) {
                    const bool hit = contains_folded(from_utf8(row.kit.number), needle) ||
                                     contains_folded(from_utf8(row.kit.tablet.serial), needle) ||
                                     contains_folded(from_utf8(row.kit.tablet.usb_serial), needle) ||
                                     contains_folded(from_utf8(row.holder.full_name), needle) ||
                                     contains_folded(from_utf8(row.institution.name_kk), needle) ||
                                     contains_folded(from_utf8(row.institution.name_ru), needle);
                    if (!hit) continue;
                }
                outstanding_.push_back(std::move(row));
            }
        }
        SetItemCount(static_cast<long>(outstanding_.size()));
    }
    Refresh();
}

bool KitListView::ensure_rows(long from, long to) const {
    if (mode_ != Mode::Registry || from < 0 || to < from) return false;
    const long cached_to = cache_from_ + static_cast<long>(cache_.size());
    if (from >= cache_from_ && to < cached_to) return true;
    // Fetch a page around the request so scrolling a few rows does not read again.
    const long span = std::max<long>(to - from + 1, static_cast<long>(kPageSize));
    const long start = std::max<long>(0, from - (span - (to - from + 1)) / 2);
    KitQuery page = query_;
    page.offset = static_cast<std::size_t>(start);
    page.limit = static_cast<std::size_t>(span);
    auto kits = list_kits(session_, page);
    ++fetches_;
    if (!kits) {
        report(kits.error());
        return false;
    }
    cache_ = std::move(*kits);
    cache_from_ = start;
    return from >= cache_from_ && to < cache_from_ + static_cast<long>(cache_.size());
}

void KitListView::report(const Error& error) const {
    if (error_reported_ || !on_error) return;
    error_reported_ = true;
    // Not from inside a paint: the handler may show a message. Queued on the list itself, so
    // the call is dropped with the list if the screen goes first.
    auto callback = on_error;
    const_cast<KitListView*>(this)->CallAfter([callback, error] { callback(error); });
}

std::optional<Kit> KitListView::kit_at(long row) const {
    if (row < 0 || row >= GetItemCount()) return std::nullopt;
    if (mode_ == Mode::Outstanding) return outstanding_[static_cast<std::size_t>(row)].kit;
    if (!ensure_rows(row, row)) return std::nullopt;
    return cache_[static_cast<std::size_t>(row - cache_from_)];
}

const OutstandingKit* KitListView::outstanding_at(long row) const {
    if (mode_ != Mode::Outstanding || row < 0 || row >= static_cast<long>(outstanding_.size())) return nullptr;
    return &outstanding_[static_cast<std::size_t>(row)];
}

std::optional<Kit> KitListView::selected_kit() const { return kit_at(GetFirstSelected()); }

bool KitListView::select_kit(const std::string& number) {
    for (long row = 0; row < GetItemCount(); ++row) {
        auto kit = kit_at(row);
        if (!kit || kit->number != number) continue;
        for (long s = GetFirstSelected(); s != -1; s = GetNextSelected(s)) Select(s, false);
        Select(row);
        Focus(row);
        EnsureVisible(row);
        return true;
    }
    return false;
}

std::vector<OutstandingKit> KitListView::visible_outstanding() const { return outstanding_; }

wxString KitListView::OnGetItemText(long item, long column) const {
    if (mode_ == Mode::Outstanding) {
        const OutstandingKit* row = outstanding_at(item);
        if (!row) return {};
        switch (column) {
            case kOKit: return from_utf8(row->kit.number);
            case kOState: return tr_label(kit_state_label(row->kit.state));
            case kOHolder: return from_utf8(row->holder.full_name);
            case kOInstitution: return institution_name(row->institution);
            case kOIssued: return from_utf8(row->issue.issued_at_utc.substr(0, 10));
            case kODue:
                if (row->overdue) return format_text(_("{} (overdue)"), {from_utf8(row->issue.due_date)});
                return from_utf8(row->issue.due_date);
            case kODaysOut: return wxString::Format("%d", row->days_out);
            case kOOwed: return owed_text(row->owed);
        }
        return {};
    }
    if (!ensure_rows(item, item)) return column == kNumber ? wxString::FromUTF8("—") : wxString();
    const Kit& kit = cache_[static_cast<std::size_t>(item - cache_from_)];
    switch (column) {
        case kNumber: return from_utf8(kit.number);
        case kState: return tr_label(kit_state_label(kit.state));
        case kModel: return from_utf8(kit.tablet.model);
        case kTabletSerial: return from_utf8(kit.tablet.serial);
        case kUsbSerial: return from_utf8(kit.tablet.usb_serial);
    }
    return {};
}

wxItemAttr* KitListView::OnGetItemAttr(long item) const {
    const OutstandingKit* row = outstanding_at(item);
    return row && row->overdue ? &overdue_attr_ : nullptr;
}

}  // namespace sanaq::ui

#pragma once
// The kit register as a virtual list: rows are fetched from the store a page at a time as they
// come into view (a department holds thousands of kits; a national register 30,000), never all
// at once per paint. In "outstanding" mode it shows who holds each kit instead — that report is
// one query of at most a few thousand rows — with overdue kits highlighted.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <wx/listctrl.h>

#include "core/ports/store.h"
#include "core/usecases/session.h"

namespace sanaq::ui {

class KitListView : public wxListView {
public:
    enum class Mode { Registry, Outstanding };
    static constexpr std::size_t kPageSize = 200;

    KitListView(wxWindow* parent, Session& session);

    /// Every registered kit matching the query (state, text), paged from the store.
    void show_registry(const KitQuery& query);
    /// Kits held outside the department, filtered here by text (kit, serials, holder,
    /// institution) and state.
    void show_outstanding(const std::string& text, std::optional<KitState> state);
    /// The same query again (after an issue, a return, an import).
    void reload();

    Mode mode() const { return mode_; }
    long rows() const { return GetItemCount(); }
    /// The kit on a row; in registry mode this may fetch its page.
    std::optional<Kit> kit_at(long row) const;
    const OutstandingKit* outstanding_at(long row) const;
    std::optional<Kit> selected_kit() const;
    long selected_row() const { return GetFirstSelected(); }
    /// Selects and shows the kit's row if the current list holds it.
    bool select_kit(const std::string& number);
    /// The outstanding rows as filtered (the export writes these).
    std::vector<OutstandingKit> visible_outstanding() const;
    /// Store reads made so far (tests check that painting does not read everything).
    int fetches() const { return fetches_; }

    /// Told when a page cannot be read; the list shows dashes meanwhile.
    std::function<void(const Error&)> on_error;

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    void set_columns();
    bool ensure_rows(long from, long to) const;
    void report(const Error& error) const;

    Session& session_;
    Mode mode_ = Mode::Registry;
    KitQuery query_;
    std::string outstanding_text_;
    std::optional<KitState> outstanding_state_;
    std::vector<OutstandingKit> outstanding_;  // filtered
    // The registry page cache: rows [cache_from_, cache_from_ + cache_.size()).
    mutable std::vector<Kit> cache_;
    mutable long cache_from_ = 0;
    mutable int fetches_ = 0;
    mutable bool error_reported_ = false;
    mutable wxItemAttr overdue_attr_;
};

}  // namespace sanaq::ui

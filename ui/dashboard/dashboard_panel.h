#pragma once
// The dashboard: what the officer opens to. Tiles with big numbers — tablets pulled today and
// their people, kits outstanding and overdue, coverage, what waits to go upstream — a tile per
// kind of warning (sequence gaps, unfinished pulls, quarantined packages, clock skew, held
// batches, overdue kits), today's pulls with their holders and the coverage by institution.
// Every tile and every row is one click, or Enter, away from the screen behind it (on_open).
// The figures are read on a worker session (read_dashboard), so opening it never waits; the role
// sees only what it may (the rest is not even read). It scrolls when large text needs the room.
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <wx/panel.h>
#include <wx/scrolwin.h>

#include "ui/common/background_task.h"
#include "ui/dashboard/dashboard_figures.h"

class wxButton;
class wxListCtrl;
class wxStaticText;
class wxWrapSizer;

namespace sanaq::ui {

class DashboardTile;
class OpenWorkspace;

class DashboardPanel : public wxScrolledWindow {
public:
    DashboardPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace);

    /// Reads the figures again on a worker thread; the screen keeps the old ones until then.
    void reload();
    bool loading() const { return loading_ > 0; }
    const std::optional<DashboardFigures>& figures() const { return figures_; }

    /// A tile or a row was chosen: MainFrame shows that screen.
    std::function<void(DashboardLink)> on_open;

    // Controls, for tests and accessibility tools (a tile is null when the role may not see it).
    wxButton* refresh_button() const { return refresh_; }
    DashboardTile* pulls_tile() const { return pulls_tile_; }
    DashboardTile* kits_tile() const { return kits_tile_; }
    DashboardTile* coverage_tile() const { return coverage_tile_; }
    DashboardTile* lists_tile() const { return lists_tile_; }
    DashboardTile* upstream_tile() const { return upstream_tile_; }
    const std::vector<DashboardTile*>& warning_tiles() const { return warning_tiles_; }
    /// The link of warning tile `i` (same order as warning_tiles()).
    DashboardLink warning_link(std::size_t i) const;
    wxStaticText* no_warnings_label() const { return no_warnings_; }
    wxListCtrl* pulls_list() const { return pulls_list_; }
    wxListCtrl* coverage_list() const { return coverage_list_; }
    wxStaticText* heading_label() const { return heading_; }
    /// "Census ends: 30 October 2021, in 14 days" — hidden without a calendar date ahead.
    wxStaticText* countdown_label() const { return countdown_; }

private:
    void build();
    void show(DashboardFigures figures);
    void fill_tiles();
    void fill_warnings();
    void fill_lists();
    void open(DashboardLink link);

    std::shared_ptr<OpenWorkspace> workspace_;
    std::optional<DashboardFigures> figures_;
    int loading_ = 0;

    wxStaticText* heading_ = nullptr;
    wxStaticText* countdown_ = nullptr;
    wxStaticText* state_ = nullptr;
    wxButton* refresh_ = nullptr;
    wxPanel* figures_box_ = nullptr;
    DashboardTile* pulls_tile_ = nullptr;
    DashboardTile* kits_tile_ = nullptr;
    DashboardTile* coverage_tile_ = nullptr;
    DashboardTile* lists_tile_ = nullptr;
    DashboardTile* upstream_tile_ = nullptr;
    wxStaticText* warnings_heading_ = nullptr;
    wxPanel* warnings_box_ = nullptr;
    wxWrapSizer* warnings_sizer_ = nullptr;
    std::vector<DashboardTile*> warning_tiles_;
    std::vector<DashboardLink> warning_links_;
    wxStaticText* no_warnings_ = nullptr;
    wxListCtrl* pulls_list_ = nullptr;
    wxListCtrl* coverage_list_ = nullptr;
    std::vector<std::string> coverage_keys_;
    wxStaticText* problems_ = nullptr;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui

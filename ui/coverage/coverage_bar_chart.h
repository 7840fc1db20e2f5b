#pragma once
// Coverage per row of the report as horizontal bars, lowest first — the institutions (or
// territories) that need attention on top. Scrolls when there are more rows than fit; a click on
// a bar names its row.
#include <functional>
#include <string>
#include <vector>

#include <wx/scrolwin.h>

namespace sanaq::ui {

class CoverageBarChart : public wxScrolledCanvas {
public:
    struct Bar {
        std::string key;       // the report row's key (BIN or KATO prefix)
        wxString label;
        double percent = 0;
        std::int64_t listed = 0;
    };

    explicit CoverageBarChart(wxWindow* parent);
    /// Sorted here, lowest coverage first; rows without listed persons go last.
    void set_bars(std::vector<Bar> bars);
    const std::vector<Bar>& bars() const { return bars_; }
    /// A bar was clicked.
    std::function<void(const std::string& key)> on_pick;

private:
    void OnDraw(wxDC& dc) override;
    void clicked(wxMouseEvent& event);
    int row_height() const;

    std::vector<Bar> bars_;
};

}  // namespace sanaq::ui

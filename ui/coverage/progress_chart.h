#pragma once
// Progress over the days of the census: listed persons found enumerated, cumulative, day by day
// (a line), against the number listed (a dashed target), with the records pulled each day as
// thin bars along the bottom.
#include <cstdint>
#include <vector>

#include <wx/window.h>

#include "core/domain/coverage.h"

namespace sanaq::ui {

class ProgressChart : public wxWindow {
public:
    explicit ProgressChart(wxWindow* parent);
    void set_progress(std::vector<ProgressPoint> points, std::int64_t listed);
    const std::vector<ProgressPoint>& points() const { return points_; }

private:
    void paint();

    std::vector<ProgressPoint> points_;
    std::int64_t listed_ = 0;
};

}  // namespace sanaq::ui

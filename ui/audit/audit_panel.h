#pragma once
// The Audit screen (administrators and supervisors): the tamper-evident trail filtered by user,
// action and dates; Verify walks the hash chain; Export writes the filtered rows to CSV/XLSX and
// puts the export itself on the trail.
#include <filesystem>

#include <wx/panel.h>

#include "core/usecases/session.h"
#include "ui/common/wrapping_text.h"

class wxButton;
class wxInfoBar;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class AuditListView;
class OptionalDatePicker;

class AuditPanel : public wxPanel {
public:
    AuditPanel(wxWindow* parent, Session& session);

    void reload();
    void verify();
    void export_entries();
    Status export_to(const std::filesystem::path& path);

    AuditListView* list() const { return list_; }
    wxTextCtrl* user_filter() const { return user_; }
    wxTextCtrl* action_filter() const { return action_; }
    wxStaticText* verification_label() const { return verification_; }

private:
    void notify(const wxString& text, bool error);

    Session& session_;
    wxInfoBar* notices_ = nullptr;
    wxTextCtrl* user_ = nullptr;
    wxTextCtrl* action_ = nullptr;
    OptionalDatePicker* from_ = nullptr;
    OptionalDatePicker* to_ = nullptr;
    AuditListView* list_ = nullptr;
    wxStaticText* count_ = nullptr;
    WrappingText* verification_ = nullptr;
    wxButton* verify_ = nullptr;
    wxButton* export_ = nullptr;
};

}  // namespace sanaq::ui

#pragma once
// The preview of an inventory import: every row of the file with what is wrong with it (from the
// file or against the register), before anything is saved. "Import valid rows" registers the rows
// without problems in one transaction — the application layer's job (src/app/kit_imports.h), as
// `sanaq kit import --valid-only` does.
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "app/kit_imports.h"

class wxButton;
class wxListCtrl;
class wxStaticText;

namespace sanaq::ui {

class KitImportDialog : public wxDialog {
public:
    KitImportDialog(wxWindow* parent, Session& session, app::KitInventoryPreview preview);

    int valid_rows() const { return valid_; }
    int imported() const { return imported_; }
    wxListCtrl* rows_list() const { return rows_; }
    wxButton* import_button() const { return import_; }

private:
    void import_valid();

    Session& session_;
    app::KitInventoryPreview preview_;
    int valid_ = 0;
    int imported_ = 0;
    wxListCtrl* rows_ = nullptr;
    wxStaticText* error_ = nullptr;
    wxButton* import_ = nullptr;
};

}  // namespace sanaq::ui

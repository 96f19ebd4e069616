#pragma once

#include "DeskSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace billing::ui {

// Edits DeskSettings. The store, role and language apply from the next start; the operator
// applies at once.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(const DeskSettings &settings, QWidget *parent = nullptr);

    DeskSettings settings() const;
    // What is wrong with `settings` as a user would read it, or nothing. A projections URL
    // with a password is refused: settings are a plain file, and the password belongs in
    // PGPASSWORD or a 0600 file named by BILLING_PGPASSWORD_FILE. An auditor's desk cannot hold
    // the serve role.
    static QString problemWith(const DeskSettings &settings);

    void accept() override;

private:
    QLabel *m_problemLabel = nullptr;
    DeskSettings m_original;
    QLineEdit *m_storeEdit = nullptr;
    QLineEdit *m_projectionsEdit = nullptr;
    QLineEdit *m_operatorEdit = nullptr;
    QComboBox *m_languageCombo = nullptr;
    QCheckBox *m_demoCheck = nullptr;
    QCheckBox *m_auditorCheck = nullptr;
    QCheckBox *m_serveCheck = nullptr;
    QSpinBox *m_checkpointSpin = nullptr;
};

} // namespace billing::ui

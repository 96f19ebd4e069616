#pragma once

#include "DeskSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
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

private:
    DeskSettings m_original;
    QLineEdit *m_storeEdit = nullptr;
    QLineEdit *m_projectionsEdit = nullptr;
    QLineEdit *m_operatorEdit = nullptr;
    QComboBox *m_languageCombo = nullptr;
    QCheckBox *m_demoCheck = nullptr;
    QCheckBox *m_auditorCheck = nullptr;
    QSpinBox *m_checkpointSpin = nullptr;
};

} // namespace billing::ui

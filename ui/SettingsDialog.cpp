#include "SettingsDialog.h"

#include "DeskServeRole.h"

#include "infrastructure/StoreLocation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QUrl>

#include <algorithm>

namespace billing::ui {

SettingsDialog::SettingsDialog(const DeskSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_original(settings)
{
    setWindowTitle(tr("Settings"));
    auto *form = new QFormLayout(this);
    m_storeEdit = new QLineEdit(settings.store, this);
    m_storeEdit->setPlaceholderText(tr("sqlite:PATH or kafka:HOST:PORT (empty: the default file)"));
    m_projectionsEdit = new QLineEdit(settings.projections, this);
    m_projectionsEdit->setPlaceholderText(tr("postgresql://USER@HOST:PORT/DB (distributed mode)"));
    m_operatorEdit = new QLineEdit(settings.operatorName, this);
    m_operatorEdit->setPlaceholderText(settings.effectiveOperator());
    m_languageCombo = new QComboBox(this);
    m_languageCombo->addItem(tr("System language"), QString());
    m_languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageCombo->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_languageCombo->setCurrentIndex(std::max(0, m_languageCombo->findData(settings.language)));
    m_demoCheck = new QCheckBox(tr("Offer demo data when the ledger is empty"), this);
    m_demoCheck->setChecked(settings.offerDemoData);
    m_auditorCheck = new QCheckBox(tr("Open read-only, as an auditor"), this);
    m_auditorCheck->setChecked(settings.auditor);
    m_serveCheck = new QCheckBox(tr("This desk decides commands (serve role)"), this);
    m_serveCheck->setChecked(settings.serveRole);
    m_serveCheck->setToolTip(
        tr("Distributed mode: this desk also does what billing-cli serve does. Every desk and "
           "billing-cli sends its commands to one decision maker; with several desks that have "
           "this role, one decides and the others stand by."));
    form->addRow(tr("&Store:"), m_storeEdit);
    form->addRow(tr("&Projections:"), m_projectionsEdit);
    form->addRow(tr("&Operator:"), m_operatorEdit);
    form->addRow(tr("&Language:"), m_languageCombo);
    m_checkpointSpin = new QSpinBox(this);
    m_checkpointSpin->setRange(1000, 1000000);
    m_checkpointSpin->setSingleStep(5000);
    m_checkpointSpin->setValue(
        int(std::clamp<qint64>(settings.timelineCheckpointEvery, 1000, 1000000)));
    m_checkpointSpin->setSuffix(tr(" events"));
    m_checkpointSpin->setToolTip(
        tr("Time travel keeps a checkpoint of every account this often: smaller uses more memory "
           "and makes far jumps shorter."));
    form->addRow(tr("Time-travel &checkpoint every:"), m_checkpointSpin);
    form->addRow(QString(), m_demoCheck);
    form->addRow(QString(), m_auditorCheck);
    form->addRow(QString(), m_serveCheck);
    auto *note =
        new QLabel(tr("The store, the language, the roles and the checkpoints apply from the next "
                      "start."),
                   this);
    note->setWordWrap(true);
    form->addRow(note);
    auto *passwordNote = new QLabel(
        tr("The PostgreSQL password is never stored here: it comes from PGPASSWORD or from a "
           "file with mode 0600 named by BILLING_PGPASSWORD_FILE. An auditor gives the "
           "auditor's login as the projections user."),
        this);
    passwordNote->setWordWrap(true);
    form->addRow(passwordNote);
    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problemLabel->hide();
    form->addRow(m_problemLabel);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

DeskSettings SettingsDialog::settings() const
{
    DeskSettings edited = m_original;
    edited.store = m_storeEdit->text().trimmed();
    edited.projections = m_projectionsEdit->text().trimmed();
    edited.operatorName = m_operatorEdit->text().trimmed();
    edited.language = m_languageCombo->currentData().toString();
    edited.offerDemoData = m_demoCheck->isChecked();
    edited.auditor = m_auditorCheck->isChecked();
    edited.serveRole = m_serveCheck->isChecked();
    edited.timelineCheckpointEvery = m_checkpointSpin->value();
    return edited;
}

QString SettingsDialog::problemWith(const DeskSettings &settings)
{
    if (!settings.store.isEmpty() && !StoreLocation::parse(settings.store).ok())
        return tr("The store must be sqlite:PATH or kafka:HOST:PORT.");
    if (settings.serveRole && settings.auditor)
        return DeskServeRole::refusal({}, true);
    const bool distributed = settings.store.startsWith(u"kafka:");
    if (settings.projections.isEmpty())
        return distributed && qEnvironmentVariableIsEmpty("BILLING_PROJECTIONS")
                   ? tr("A kafka: store needs the projections: "
                        "postgresql://USER@HOST:PORT/DB.")
                   : QString();
    const QUrl url(settings.projections, QUrl::StrictMode);
    if (!url.password().isEmpty())
        return tr("No password in the projections URL: set PGPASSWORD or "
                  "BILLING_PGPASSWORD_FILE (a file with mode 0600).");
    if (!url.isValid() || (url.scheme() != u"postgresql" && url.scheme() != u"postgres") ||
        url.host().isEmpty() || url.userName().isEmpty() || url.path().size() < 2)
        return tr("The projections must be postgresql://USER@HOST:PORT/DB.");
    return {};
}

void SettingsDialog::accept()
{
    const QString problem = problemWith(settings());
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        QDialog::accept();
}

} // namespace billing::ui

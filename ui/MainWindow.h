#pragma once

#include "application/LedgerStorage.h"

#include <QMainWindow>

class QLabel;

namespace billing::ui {

// The desk's main window. For now it shows which ledger is open and what it holds; the live
// tables and forms come with the desktop issue.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(LedgerStorage &storage, const QString &location, QWidget *parent = nullptr);

private:
    void refreshSummary();

    LedgerStorage &m_storage;
    QLabel *m_summaryLabel = nullptr;
};

} // namespace billing::ui

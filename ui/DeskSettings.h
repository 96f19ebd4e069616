#pragma once

#include <QString>

namespace billing::ui {

// What the desk remembers between runs (QSettings, per user). The command line wins over it.
struct DeskSettings
{
    QString store;        // empty: the platform's default ledger file
    QString projections;  // the distributed mode's PostgreSQL URL
    QString operatorName; // empty: the login name
    QString language;     // "en", "de"; empty: the system's
    bool offerDemoData = true;
    bool auditor = false;
    // Distributed mode: this desk also decides the ledger's commands, as `billing-cli serve`
    // does (DeskServeRole). An auditor's desk never does.
    bool serveRole = false;
    // Time travel keeps a checkpoint every this many events: more memory, shorter walks.
    qint64 timelineCheckpointEvery = 20000;

    static DeskSettings load();
    void save() const;
    // The operator as events record it: the setting, else the user's login name.
    QString effectiveOperator() const;
};

} // namespace billing::ui

#pragma once

#include "domain/Result.h"

#include <QString>

namespace billing {

// Where the PostgreSQL projections live, as given by --projections
// "postgresql://USER@HOST:PORT/DB". A password never comes from the URL (it would show in argv
// and in logs): it is read from PGPASSWORD, or from the file named by BILLING_PGPASSWORD_FILE,
// which must be readable by its owner only (mode 0600 or stricter).
struct PostgresLocation
{
    QString user;
    QString host;
    int port = 5432;
    QString database;
    QString password; // never printed; empty for trust/peer authentication

    static Result<PostgresLocation> parse(const QString &url);
    // The URL without any password, fit for logs and the status bar.
    QString toString() const;
};

} // namespace billing

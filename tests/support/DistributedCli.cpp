#include "DistributedCli.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>

namespace billing::test {

DistributedCli::DistributedCli(QString bootstrap, QString projectionsUrl)
    : m_bootstrap(std::move(bootstrap))
    , m_projectionsUrl(std::move(projectionsUrl))
{}

QStringList DistributedCli::withStore(const QStringList &arguments) const
{
    return QStringList{QStringLiteral("--store"), QStringLiteral("kafka:") + m_bootstrap,
                       QStringLiteral("--projections"), m_projectionsUrl} +
           arguments;
}

bool DistributedCli::startLedger(const QString &topicPrefix)
{
    qputenv("BILLING_KAFKA_TOPIC_PREFIX", topicPrefix.toUtf8());
    // The projections' checkpoint would otherwise run ahead of the new topics.
    QProcess psql;
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-XAtq"), m_projectionsUrl, QStringLiteral("-c"),
                QStringLiteral("DO $$ BEGIN IF to_regclass('account_projections') IS NOT NULL "
                               "THEN TRUNCATE account_projections, transaction_projections, "
                               "audit_logs, projection_offsets; UPDATE projection_checkpoints "
                               "SET position = 0; END IF; END $$")});
    return psql.waitForFinished(30000) && psql.exitCode() == 0;
}

CliRun DistributedCli::run(const QStringList &arguments, int timeoutMs) const
{
    QProcess process;
    process.start(cliPath(), withStore(arguments));
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out; stderr: " + process.readAllStandardError().right(4000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QProcess *DistributedCli::start(const QStringList &arguments, QObject *parent) const
{
    auto *process = new QProcess(parent);
    process->start(cliPath(), withStore(arguments));
    return process;
}

QString DistributedCli::createAccount(const QString &type) const
{
    const CliRun created =
        run({QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("--type"), type,
             QStringLiteral("--currency"), QStringLiteral("USD"), QStringLiteral("--owner"), type});
    if (created.exitCode != 0)
        qWarning("account create: %s", created.err.constData());
    return created.json().value(u"accountId").toString();
}

bool DistributedCli::topup(const QString &account, const QString &from, const QString &amount) const
{
    return run({QStringLiteral("topup"), QStringLiteral("--account"), account,
                QStringLiteral("--from"), from, QStringLiteral("--amount"), amount})
               .exitCode == 0;
}

bool DistributedCli::writeImport(const QString &path, int writer, int rows,
                                 const QStringList &users, const QString &bank)
{
    QFile csv(path);
    if (!csv.open(QIODevice::WriteOnly))
        return false;
    csv.write("operation,account,counterparty,amount,currency,key,reference\n");
    for (int row = 0; row < rows; ++row) {
        const QString &from = users[(row + writer) % users.size()];
        const QString &to = users[(row + writer + 1) % users.size()];
        const QString key = QStringLiteral("w%1-r%2").arg(writer).arg(row);
        const QString line = row % 3 == 0
                                 ? QStringLiteral("topup,%1,%2,1.00,,%3,\n").arg(from, bank, key)
                                 : QStringLiteral("transfer,%1,%2,7.25,,%3,\n").arg(from, to, key);
        csv.write(line.toUtf8());
    }
    return true;
}

std::unique_ptr<ServeProcess> DistributedCli::startServe() const
{
    return std::make_unique<ServeProcess>(withStore({}));
}

QList<QJsonObject> DistributedCli::events() const
{
    QList<QJsonObject> events;
    const CliRun printed = run({QStringLiteral("events")});
    if (printed.exitCode != 0)
        return events;
    for (const QByteArray &line : printed.out.trimmed().split('\n'))
        events.append(QJsonDocument::fromJson(line).object());
    return events;
}

} // namespace billing::test

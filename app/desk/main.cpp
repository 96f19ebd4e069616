// billing-desk: the finance staff's desktop. `--check` opens the store, prints what it holds as
// JSON and exits, so that installers and CI can prove the installed desk starts; `--screenshot`
// writes pictures of every window for the README.
#include "DeskScreenshots.h"
#include "DeskServeRole.h"
#include "DeskSettings.h"
#include "LedgerClient.h"
#include "MainWindow.h"

#include "infrastructure/StoreLocation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

namespace {

int check(const billing::StoreLocation &location)
{
    billing::Result<std::unique_ptr<billing::LedgerStorage>> storage = openStorage(location);
    if (!storage.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(storage.error().message));
        return 1;
    }
    const billing::Result<qint64> events = storage.value()->events().lastPosition();
    const QJsonObject summary{{QStringLiteral("store"), location.toString()},
                              {QStringLiteral("events"), events.ok() ? events.value() : -1}};
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return events.ok() ? 0 : 1;
}

// The desk's own strings and Qt's, in the chosen language; English needs none.
void installTranslations(QApplication &application, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    // Amounts are shown and typed with the chosen language's decimal separator too.
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    auto *desk = new QTranslator(&application);
    if (desk->load(locale, QStringLiteral("billing-desk"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")))
        QApplication::installTranslator(desk);
    // Qt's own: compiled in where the build found them, else next to Qt.
    auto *qt = new QTranslator(&application);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

// --lang as given on the command line, before the parser runs: --help speaks it too.
QString languageArgument(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == QStringLiteral("--lang") && i + 1 < arguments.size())
            return arguments[i + 1];
        if (arguments[i].startsWith(QStringLiteral("--lang=")))
            return arguments[i].mid(7);
    }
    return {};
}

QString tr(const char *text)
{
    return QApplication::translate("main", text);
}

} // namespace

int main(int argc, char *argv[])
{
    // Answered before QApplication exists, so that it works without any display.
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("billing-desk %s\n", BILLING_VERSION);
            return 0;
        }
    }
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("billing-desk"));
    QApplication::setOrganizationName(QStringLiteral("BillingDesk"));
    QApplication::setApplicationVersion(QStringLiteral(BILLING_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(BILLING_APP_ID));
    billing::ui::DeskSettings settings = billing::ui::DeskSettings::load();
    if (const QString language = languageArgument(QApplication::arguments()); !language.isEmpty())
        settings.language = language;
    installTranslations(application, settings.language);

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption storeOption(
        QStringLiteral("store"), tr("sqlite:PATH, or kafka:HOST:PORT[,...] with --projections."),
        QStringLiteral("store"));
    const QCommandLineOption projectionsOption(
        QStringLiteral("projections"),
        tr("With a kafka: store, the PostgreSQL projections: postgresql://USER@HOST:PORT/DB "
           "(the password from PGPASSWORD or a 0600 file named by BILLING_PGPASSWORD_FILE, "
           "never here)."),
        QStringLiteral("url"));
    const QCommandLineOption operatorOption(QStringLiteral("operator"), tr("Who issues commands."),
                                            QStringLiteral("name"));
    const QCommandLineOption roleOption(
        QStringLiteral("role"),
        tr("clerk (default) or auditor (read-only; with kafka: the projections user is the "
           "auditor's login, a member of billing_auditor)."),
        QStringLiteral("role"));
    const QCommandLineOption serveOption(
        QStringLiteral("serve"),
        tr("With a kafka: store, also decide the ledger's commands, as billing-cli serve does "
           "(not with --role auditor)."));
    const QCommandLineOption languageOption(QStringLiteral("lang"), tr("en or de."),
                                            QStringLiteral("language"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        tr("Fill an empty ledger with demo data."));
    const QCommandLineOption checkOption(QStringLiteral("check"),
                                         tr("Open the store, print a summary as JSON, exit."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        tr("Write PNGs of the windows and forms into DIR (on a demo store), exit."),
        QStringLiteral("dir"));
    for (const QCommandLineOption &option :
         {storeOption, projectionsOption, operatorOption, roleOption, serveOption, languageOption,
          demoOption, checkOption, screenshotOption})
        parser.addOption(option);
    parser.process(application);
    QApplication::setApplicationDisplayName(tr("Billing Desk"));

    if (parser.isSet(screenshotOption))
        return billing::ui::DeskScreenshots::write(parser.value(screenshotOption)) ? 0 : 1;

    const QString storeText =
        parser.isSet(storeOption) ? parser.value(storeOption) : settings.store;
    const billing::Result<billing::StoreLocation> parsed =
        storeText.isEmpty() ? billing::StoreLocation::defaultLocation()
                            : billing::StoreLocation::parse(storeText);
    if (!parsed.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(parsed.error().message));
        return 2;
    }
    billing::StoreLocation location = parsed.value();
    location.projections =
        parser.isSet(projectionsOption) ? parser.value(projectionsOption) : settings.projections;
    if (parser.isSet(checkOption))
        return check(location);
    if (parser.isSet(operatorOption))
        settings.operatorName = parser.value(operatorOption);
    if (parser.isSet(roleOption)) {
        // A mistyped role must not open a desk that writes.
        const QString role = parser.value(roleOption);
        if (role != QStringLiteral("auditor") && role != QStringLiteral("clerk")) {
            std::fprintf(stderr, "%s\n",
                         qPrintable(tr("--role must be clerk or auditor, not '%1'").arg(role)));
            return 2;
        }
        settings.auditor = role == QStringLiteral("auditor");
    }
    if (parser.isSet(serveOption)) {
        // Asked for on the command line, a role the desk cannot hold is an error, not a label.
        if (const QString refused = billing::ui::DeskServeRole::refusal(location, settings.auditor);
            !refused.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(refused));
            return 2;
        }
        settings.serveRole = true;
    }

    billing::ui::LedgerClient client(location);
    client.setOperatorName(settings.effectiveOperator());
    client.setTimelineCheckpointEvery(settings.timelineCheckpointEvery);
    client.open(settings.auditor);
    billing::ui::MainWindow window(client, settings);
    window.setDemoDataWhenEmpty(parser.isSet(demoOption));
    window.show();
    return QApplication::exec();
}

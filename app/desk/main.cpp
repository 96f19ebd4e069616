// billing-desk: the finance staff's desktop. `--check` opens the store, prints what it holds as
// JSON and exits, so that installers and CI can prove the installed desk starts.
#include "MainWindow.h"
#include "Translations.h"

#include "infrastructure/StoreLocation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>

#include <cstdio>

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
    billing::desk::installTranslations(application);
    QApplication::setApplicationName(QStringLiteral("billing-desk"));
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Billing Desk"));
    QApplication::setOrganizationName(QStringLiteral("BillingDesk"));
    QApplication::setApplicationVersion(QStringLiteral(BILLING_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(BILLING_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Double-entry billing ledger desk"));
    parser.addHelpOption();
    const QCommandLineOption storeOption(
        QStringLiteral("store"), QApplication::translate("main", "The ledger: sqlite:PATH."),
        QStringLiteral("store"));
    const QCommandLineOption checkOption(
        QStringLiteral("check"),
        QApplication::translate("main", "Open the store, print a summary as JSON and exit."));
    parser.addOption(storeOption);
    parser.addOption(checkOption);
    parser.process(application);

    billing::StoreLocation location = billing::StoreLocation::defaultLocation();
    if (parser.isSet(storeOption)) {
        const billing::Result<billing::StoreLocation> parsed =
            billing::StoreLocation::parse(parser.value(storeOption));
        if (!parsed.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(parsed.error().message));
            return 2;
        }
        location = parsed.value();
    }
    billing::Result<std::unique_ptr<billing::LedgerStorage>> storage = openStorage(location);
    if (!storage.ok()) {
        if (parser.isSet(checkOption)) {
            std::fprintf(stderr, "%s\n", qPrintable(storage.error().message));
            return 1;
        }
        QMessageBox::critical(nullptr, QApplication::translate("main", "Billing Desk"),
                              QApplication::translate("main", "Cannot open the ledger:\n%1")
                                  .arg(storage.error().message));
        return 1;
    }
    if (parser.isSet(checkOption)) {
        const billing::Result<qint64> events = storage.value()->events().lastPosition();
        const QJsonObject summary{{QStringLiteral("store"), location.toString()},
                                  {QStringLiteral("events"), events.ok() ? events.value() : -1}};
        std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
        return events.ok() ? 0 : 1;
    }
    billing::ui::MainWindow window(*storage.value(), location.toString());
    window.show();
    return QApplication::exec();
}

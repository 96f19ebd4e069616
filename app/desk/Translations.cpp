#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSet>
#include <QTranslator>

namespace billing::desk {
namespace {

// Loads `name` for the system locale from the first folder that has it; true when installed.
bool installFirst(QCoreApplication &application, const QString &name, const QStringList &folders)
{
    for (const QString &folder : folders) {
        auto *translator = new QTranslator(&application); // owned by the application
        if (translator->load(QLocale(), name, QStringLiteral("_"), folder)) {
            QCoreApplication::installTranslator(translator);
            return true;
        }
        delete translator;
    }
    return false;
}

// The catalogue names present ("billing-desk" for billing-desk_de.qm), so that this code does
// not need to know what the .ts files are called.
QStringList catalogues(const QStringList &folders)
{
    QSet<QString> names;
    for (const QString &folder : folders) {
        const QStringList files = QDir(folder).entryList({QStringLiteral("*.qm")}, QDir::Files);
        for (const QString &file : files)
            names.insert(file.section(QLatin1Char('_'), 0, 0).section(QLatin1Char('.'), 0, 0));
    }
    return names.values();
}

} // namespace

void installTranslations(QCoreApplication &application)
{
    installFirst(application, QStringLiteral("qtbase"),
                 {QLibraryInfo::path(QLibraryInfo::TranslationsPath)});
    const QStringList folders = {QStringLiteral(":/i18n"),
                                 QDir(QCoreApplication::applicationDirPath())
                                     .filePath(QStringLiteral(BILLING_TRANSLATIONS_RELATIVE_DIR))};
    const QStringList names = catalogues(folders);
    for (const QString &name : names)
        installFirst(application, name, folders);
}

} // namespace billing::desk

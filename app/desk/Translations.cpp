#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace billing::desk {
namespace {

// Catalogue file endings for the system locale, best match first: "_de_DE.qm", then "_de.qm".
QStringList localeSuffixes()
{
    QStringList suffixes;
    const QStringList languages = QLocale().uiLanguages();
    for (const QString &language : languages) {
        for (QStringList parts = language.split(QLatin1Char('-')); !parts.isEmpty();
             parts.removeLast()) {
            const QString suffix =
                QLatin1Char('_') + parts.join(QLatin1Char('_')) + QStringLiteral(".qm");
            if (!suffixes.contains(suffix))
                suffixes.append(suffix);
        }
    }
    return suffixes;
}

bool install(QCoreApplication &application, const QString &path)
{
    auto *translator = new QTranslator(&application); // owned by the application
    if (translator->load(path)) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}

void installQtTranslations(QCoreApplication &application)
{
    auto *translator = new QTranslator(&application); // owned by the application
    if (translator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

} // namespace

void installTranslations(QCoreApplication &application)
{
    installQtTranslations(application);
    // Every catalogue found for the locale (billing-desk_de.qm is catalogue "billing-desk"), so
    // that this code need not know what the .ts files are called; each from the first folder
    // that has it.
    const QStringList folders = {QStringLiteral(":/i18n"),
                                 QDir(QCoreApplication::applicationDirPath())
                                     .filePath(QStringLiteral(BILLING_TRANSLATIONS_RELATIVE_DIR))};
    const QStringList suffixes = localeSuffixes();
    QStringList installed;
    for (const QString &folder : folders) {
        const QStringList files = QDir(folder).entryList({QStringLiteral("*.qm")}, QDir::Files);
        for (const QString &suffix : suffixes) {
            for (const QString &file : files) {
                if (!file.endsWith(suffix))
                    continue;
                const QString catalogue = file.chopped(suffix.size());
                if (!installed.contains(catalogue) &&
                    install(application, QDir(folder).filePath(file)))
                    installed.append(catalogue);
            }
        }
    }
}

} // namespace billing::desk

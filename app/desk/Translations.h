#pragma once

class QCoreApplication;

namespace billing::desk {

// Installs Qt's own and the desk's translations for the system locale. The desk's .qm files are
// looked up without any environment variable: first embedded (":/i18n", qt_add_translations'
// default), then in the folder the installers ship relative to the executable
// (BILLING_TRANSLATIONS_RELATIVE_DIR, e.g. ../share/billing-desk/translations).
void installTranslations(QCoreApplication &application);

} // namespace billing::desk

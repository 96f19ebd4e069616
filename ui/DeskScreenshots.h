#pragma once

#include <QString>

namespace billing::ui {

// Pictures of the desk for the README and reviews: the main window's tabs, every form (filled
// in, and a transfer at its confirm step) and the account view, on a fresh demo ledger in a
// temporary folder.
class DeskScreenshots
{
public:
    static constexpr int waitMsMax = 20000;
    static bool write(const QString &directory);
};

} // namespace billing::ui

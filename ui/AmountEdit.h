#pragma once

#include "domain/Money.h"

#include <QLineEdit>

namespace billing::ui {

// An amount field. It takes whatever is typed or pasted and amount() says exactly what is wrong
// with it: a field that silently drops keys turns a German "12,50" into 1250 and "1.000,50"
// into 1.00. A decimal point is always one (the desk shows amounts with one), and so is a
// decimal comma where the locale writes one. The text is parsed exactly; no floating point is
// involved.
class AmountEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AmountEdit)

public:
    explicit AmountEdit(QWidget *parent = nullptr);

    void setDecimals(int decimals);
    int decimals() const { return m_decimals; }
    // The amount as the desk shows amounts (the currency's decimals, the language's separator),
    // or the text as typed while it is not one.
    QString shownAmount() const;
    // Money commands move more than zero; limits may be zero.
    void setZeroAllowed(bool allowed) { m_zeroAllowed = allowed; }
    // The amount, or the error whose code names what is wrong with the text.
    Result<Money> amount() const;

private:
    int m_decimals = 2;
    bool m_zeroAllowed = false;
};

} // namespace billing::ui

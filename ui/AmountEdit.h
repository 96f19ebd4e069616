#pragma once

#include "domain/Money.h"

#include <QLineEdit>

class QRegularExpressionValidator;

namespace billing::ui {

// An amount field that accepts only what the currency allows: digits, one decimal point and at
// most the currency's decimals. The text is parsed exactly; no floating point is involved.
class AmountEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AmountEdit)

public:
    explicit AmountEdit(QWidget *parent = nullptr);

    void setDecimals(int decimals);
    int decimals() const { return m_decimals; }
    // Money commands move more than zero; limits may be zero.
    void setZeroAllowed(bool allowed) { m_zeroAllowed = allowed; }
    // The amount, or the error whose code names what is wrong with the text.
    Result<Money> amount() const;

private:
    int m_decimals = 2;
    bool m_zeroAllowed = false;
    QRegularExpressionValidator *m_validator = nullptr;
};

} // namespace billing::ui

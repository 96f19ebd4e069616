#pragma once

#include "ProjectionReader.h"
#include "domain/LedgerState.h"

#include <functional>

namespace billing {

// Which currency an account or a transaction is in, for reading an amount with that currency's
// decimals before a command is issued. The decision checks the amount again, so a source that
// does not know the account (yet) only loosens the early check to Money's own scale.
class CurrencySource
{
public:
    virtual ~CurrencySource() = default;
    // Empty when unknown.
    virtual QString ofAccount(const QString &accountId) = 0;
    virtual QString ofTransaction(const QString &transactionId) = 0;
    virtual const CurrencyCatalog &catalog() const = 0;

    // The decimals of `currency`, or of the account's currency when `currency` is empty; the
    // full scale when neither is known (the rules then say what is wrong).
    int decimalsFor(const QString &currency, const QString &accountId = {});
};

// From the folded state: a desk, and every process that decides.
class StateCurrencies final : public CurrencySource
{
public:
    explicit StateCurrencies(const LedgerState &state)
        : m_state(state)
    {}
    QString ofAccount(const QString &accountId) override;
    QString ofTransaction(const QString &transactionId) override;
    const CurrencyCatalog &catalog() const override { return m_state.currencies(); }

private:
    const LedgerState &m_state;
};

// From the projections: a client of the distributed command log, which does not fold the log
// (on a long one that took seconds for every billing-cli command that writes).
class ProjectedCurrencies final : public CurrencySource
{
public:
    explicit ProjectedCurrencies(ProjectionReader &projections,
                                 CurrencyCatalog catalog = CurrencyCatalog::standard())
        : m_projections(projections)
        , m_catalog(std::move(catalog))
    {}
    QString ofAccount(const QString &accountId) override;
    QString ofTransaction(const QString &transactionId) override;
    const CurrencyCatalog &catalog() const override { return m_catalog; }
    // Brings the projections up to the log; run once when an account or transaction is not
    // in them (a serve that died between its commit and its projection), before looking again:
    // an amount read at full scale would let "10.500" USD through where the embedded store
    // refuses it.
    void setCatchUp(std::function<void()> catchUp) { m_catchUp = std::move(catchUp); }

private:
    // Runs the catch-up, once, when `found` is empty; true when it ran.
    bool caughtUpAfterMiss(const QString &found);

    ProjectionReader &m_projections;
    CurrencyCatalog m_catalog;
    std::function<void()> m_catchUp;
};

} // namespace billing

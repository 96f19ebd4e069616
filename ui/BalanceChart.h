#pragma once

#include "domain/Money.h"

#include <QWidget>

namespace billing::ui {

// One point of an account's balance history: the balance right after an event.
struct BalancePoint
{
    qint64 position = 0;
    qint64 timeMs = 0;
    Money balance;
};

// An account's balance over time, drawn by hand (no charting module, so no licence to fit):
// time on x, balance on y, a step line between events and a dot per event. Clicking a dot
// asks to travel to that event.
class BalanceChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalanceChart)

public:
    explicit BalanceChart(QWidget *parent = nullptr);

    // Oldest first.
    void setPoints(const QList<BalancePoint> &points, int decimals);
    const QList<BalancePoint> &points() const { return m_points; }
    // Where the dot of point `index` is drawn, for tests and tooltips.
    QPointF dotAt(qsizetype index) const;
    QSize sizeHint() const override { return {600, 260}; }

Q_SIGNALS:
    void pointClicked(qint64 position);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QRectF plotArea() const;
    // Relative height of a balance between the lowest and highest, 0..1, exact up to the
    // last pixel: the ratio is taken on integers scaled to 10,000 steps.
    double heightOf(const Money &balance) const;

    QList<BalancePoint> m_points;
    int m_decimals = 2;
    Money m_low;
    Money m_high;
};

} // namespace billing::ui

-- 003: what each holding cost, so that portfolio_performance_cache can show a cost basis.
--
-- asset_holders keeps quantities only. A holding can be bought in several currencies (a London
-- listing bought in GBp, then in GBP), so the cost is kept per currency, exactly as the events gave
-- it (quantity x price, numeric, minor units such as GBp kept): converting at event time would need
-- a rate the daemon may not have fetched yet. The daemon converts each amount into
-- [portfolio] base_currency when it values the portfolio. A sell lowers every currency's amount in
-- proportion to the quantity sold (average cost), so what is left is the cost of what is still held.

CREATE TABLE holding_costs (
    user_id  text    NOT NULL,
    asset_id bigint  NOT NULL,
    currency text    NOT NULL CONSTRAINT holding_costs_currency_not_empty CHECK (currency <> ''),
    amount   numeric NOT NULL CONSTRAINT holding_costs_amount_not_negative CHECK (amount >= 0),
    PRIMARY KEY (user_id, asset_id, currency),
    FOREIGN KEY (user_id, asset_id) REFERENCES asset_holders (user_id, asset_id) ON DELETE CASCADE
);
COMMENT ON TABLE holding_costs IS
    'Cost of each holding per purchase currency (quantity x price as the events gave them); sells lower '
    'it in proportion (average cost). Converted to the base currency when portfolios are valued.';

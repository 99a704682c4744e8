-- The deployment list's default order, active deployments first and then the latest
-- departure, as an index: a page is read along it and stops at the page's end, instead of
-- sorting every deployment at every view.
create index deployment_list_order on deployment (
    (case when status in ('returned', 'withdrawn') then 1 else 0 end),
    planned_departure desc,
    id desc
);

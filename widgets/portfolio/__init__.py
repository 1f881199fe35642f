"""The Portfolio tab: the practice across clients, capacity and commitment week by week."""
